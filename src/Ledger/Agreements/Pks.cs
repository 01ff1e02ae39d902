using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Agreements;

/// <summary>
/// The regency agency head and the centre head signed a cooperation agreement (PKS) under an MoU: the
/// schemes it covers, the artisans the regency may send each year, and the equipment aid each certified
/// artisan receives (none when empty).
/// </summary>
public sealed record PksSigned(
    Guid PksId,
    Guid MouId,
    string RegencyCode,
    string AgencyName,
    string AgencyHead,
    string CentreHead,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    IReadOnlyList<string> Schemes,
    int YearlyQuota,
    string? EquipmentAidPerArtisan,
    DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => SignedOn;
}

/// <summary>The PKS was amended on <see cref="AmendedOn"/>; a null field was left as it was.</summary>
public sealed record PksAmended(
    Guid PksId,
    string AmendmentNumber,
    IReadOnlyList<string>? Schemes,
    int? YearlyQuota,
    string? EquipmentAidPerArtisan,
    DateOnly? ValidUntil,
    DateOnly? AmendedOn,
    DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(AmendedOn, RecordedAt);
}

/// <summary>An enrolled artisan took one seat of the regency's quota for <paramref name="Year"/>.</summary>
/// <param name="Year">The year whose quota the seat counts against: the year of enrollment.</param>
/// <param name="TakenOn">The day of enrollment.</param>
public sealed record PksQuotaSeatTaken(Guid PksId, int Year, Guid CertificationId, Guid ArtisanId, DateOnly? TakenOn, DateTimeOffset TakenAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(TakenOn, TakenAt);
}

/// <summary>The PKS was ended before its term, from <see cref="EffectiveOn"/> on.</summary>
public sealed record PksTerminated(Guid PksId, string Reason, DateOnly EffectiveOn, DateTimeOffset RecordedAt) : IDatedFact;

/// <summary>The PKS's term ran out: <see cref="ExpiredOn"/> is its last day.</summary>
public sealed record PksExpired(Guid PksId, DateOnly ExpiredOn, DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => ExpiredOn.AddDays(1);
}

/// <summary>The PKS stream (perjanjian kerja sama): terms, amendments, and the quota seats taken per year.</summary>
public sealed record Pks(
    Guid Id,
    AgreementStatus Status,
    Guid MouId,
    string RegencyCode,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    IReadOnlyList<string> Schemes,
    int YearlyQuota,
    string? EquipmentAidPerArtisan,
    IReadOnlyDictionary<int, int> SeatsTaken,
    DateOnly? EndedOn = null) : IAggregate<Pks>
{
    public static Pks Initial { get; } = new(Guid.Empty, AgreementStatus.None, Guid.Empty, "", default, default, [], 0, null,
        new Dictionary<int, int>());

    public static Pks Fold(Pks state, object @event) => @event switch
    {
        PksSigned e => state with
        {
            Id = e.PksId, Status = AgreementStatus.InForce, MouId = e.MouId, RegencyCode = e.RegencyCode,
            SignedOn = e.SignedOn, ValidUntil = e.ValidUntil, Schemes = e.Schemes, YearlyQuota = e.YearlyQuota,
            EquipmentAidPerArtisan = e.EquipmentAidPerArtisan,
        },
        PksAmended e => state with
        {
            Schemes = e.Schemes ?? state.Schemes,
            YearlyQuota = e.YearlyQuota ?? state.YearlyQuota,
            EquipmentAidPerArtisan = e.EquipmentAidPerArtisan ?? state.EquipmentAidPerArtisan,
            ValidUntil = e.ValidUntil ?? state.ValidUntil,
        },
        PksQuotaSeatTaken e => state with
        {
            SeatsTaken = new Dictionary<int, int>(state.SeatsTaken) { [e.Year] = state.SeatsTakenIn(e.Year) + 1 },
        },
        PksTerminated e => state with { Status = AgreementStatus.Terminated, EndedOn = e.EffectiveOn },
        PksExpired => state with { Status = AgreementStatus.Expired },
        _ => state,
    };

    public int SeatsTakenIn(int year) => SeatsTaken.TryGetValue(year, out var n) ? n : 0;

    /// <summary>
    /// Signed, and <paramref name="on"/> within its term and before a termination took effect: a day before the PKS
    /// ended still falls under it (an enrollment recorded late).
    /// </summary>
    public bool IsInForceOn(DateOnly on) =>
        Status != AgreementStatus.None && on >= SignedOn && on <= ValidUntil && !(EndedOn <= on);

    /// <summary>The PKS's term in words, for refusals that name it.</summary>
    public string Term() => EndedOn is { } ended
        ? $"it ran from {SignedOn:yyyy-MM-dd} and was terminated from {ended:yyyy-MM-dd}"
        : $"it runs from {SignedOn:yyyy-MM-dd} to {ValidUntil:yyyy-MM-dd}";

    public bool Covers(string scheme) => Schemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
}

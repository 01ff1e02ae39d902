using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Agreements;

/// <summary>
/// The partner's agency head (the regency agency, Dinas, for a regency) and the centre head signed a cooperation
/// agreement (PKS) under an MoU: the schemes it covers, the artisans the partner may send each year (a regency's own,
/// a province's from its regencies, any other partner's from any regency), and the equipment aid each certified artisan
/// receives (none when empty). The partner is the MoU's; events recorded before partners had kinds carry only
/// <see cref="RegencyCode"/> and are read as a regency partner.
/// </summary>
/// <param name="RegencyCode">The partner's regency code; only a regency partner has one.</param>
public sealed record PksSigned(
    Guid PksId,
    Guid MouId,
    string? RegencyCode,
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

    /// <summary>The partner's kind; absent on events recorded before partners had kinds (a regency).</summary>
    public PartnerKind? PartnerKind { get; init; }

    /// <summary>The partner's name; absent on events recorded before partners had kinds (the regency's official name).</summary>
    public string? PartnerName { get; init; }

    /// <summary>The partner's province code (<c>PP</c>): a province's own, or a regency's.</summary>
    public string? ProvinceCode { get; init; }

    /// <summary>The MoU's partner, as recorded (a regency when only a regency code was).</summary>
    [JsonIgnore] public Partner Partner => Partner.Recorded(PartnerKind, PartnerName, RegencyCode, ProvinceCode);
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

/// <summary>An enrolled artisan took one seat of the PKS's quota (the regency's, for a regency partner) for <paramref name="Year"/>.</summary>
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
    string? RegencyCode,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    IReadOnlyList<string> Schemes,
    int YearlyQuota,
    string? EquipmentAidPerArtisan,
    IReadOnlyDictionary<int, int> SeatsTaken,
    DateOnly? EndedOn = null) : IAggregate<Pks>
{
    /// <summary>The MoU's partner, whose artisans the seats are for; null before the PKS is signed.</summary>
    public Partner? Partner { get; init; }

    public static Pks Initial { get; } = new(Guid.Empty, AgreementStatus.None, Guid.Empty, null, default, default, [], 0, null,
        new Dictionary<int, int>());

    public static Pks Fold(Pks state, object @event) => @event switch
    {
        PksSigned e => state with
        {
            Id = e.PksId, Status = AgreementStatus.InForce, MouId = e.MouId, RegencyCode = e.RegencyCode,
            SignedOn = e.SignedOn, ValidUntil = e.ValidUntil, Schemes = e.Schemes, YearlyQuota = e.YearlyQuota,
            EquipmentAidPerArtisan = e.EquipmentAidPerArtisan, Partner = e.Partner,
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

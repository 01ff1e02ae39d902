using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Artisans;

/// <summary>
/// An artisan was registered. The NIK is kept only as a keyed hash (to refuse the same person twice) and,
/// with the name, sealed under the artisan's own key (see <c>PersonalDataProtector</c>).
/// </summary>
public sealed record ArtisanRegistered(
    Guid ArtisanId,
    string NikHash,
    string SealedNik,
    string SealedName,
    Gender Gender,
    int BirthYear,
    string RegencyCode,
    string BusinessName,
    DateOnly? RegisteredOn,
    DateTimeOffset RegisteredAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(RegisteredOn, RegisteredAt);
}

/// <summary>Details were corrected on <see cref="CorrectedOn"/>; a null field was left as it was.</summary>
public sealed record ArtisanDetailsCorrected(
    Guid ArtisanId,
    string? NikHash,
    string? SealedNik,
    string? SealedName,
    Gender? Gender,
    int? BirthYear,
    string? RegencyCode,
    string? BusinessName,
    DateOnly? CorrectedOn,
    DateTimeOffset CorrectedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(CorrectedOn, CorrectedAt);
}

/// <summary>Equipment aid (e.g. an electric wax stove, kompor listrik) was handed over, under an agreement when one is named.</summary>
public sealed record EquipmentAidReceived(Guid ArtisanId, string Item, int Quantity, Guid? PksId, DateOnly? ReceivedOn, DateTimeOffset ReceivedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(ReceivedOn, ReceivedAt);
}

/// <summary>A monitoring and evaluation (monev) visit by the regency agency, with what it found.</summary>
public sealed record MonevVisitRecorded(Guid ArtisanId, DateOnly VisitedOn, string Officer, string Findings, DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => VisitedOn;
}

/// <summary>The artisan, certified in the scheme, was qualified to train others in it.</summary>
public sealed record ArtisanQualifiedAsTrainer(Guid ArtisanId, string SchemeCode, string CertificateNumber, DateOnly? QualifiedOn, DateTimeOffset QualifiedAt)
    : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(QualifiedOn, QualifiedAt);
}

/// <summary>
/// The artisan's personal data was erased on request (UU 27/2022): their key was destroyed in the same
/// transaction, so the sealed name and NIK in every event are unreadable from now on, while the events and
/// their hashes stay as they were. The keyed NIK hash is kept, so the same person is still refused a
/// second registration.
/// </summary>
public sealed record PersonalDataErased(Guid ArtisanId, string Reason, DateOnly? ErasedOn, DateTimeOffset ErasedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(ErasedOn, ErasedAt);
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Gender>))]
public enum Gender { Female, Male }

public sealed record EquipmentAid(string Item, int Quantity, Guid? PksId, DateTimeOffset ReceivedAt);

public sealed record MonevVisit(DateOnly VisitedOn, string Officer, string Findings);

/// <summary>The artisan stream: who they are (personal fields sealed), aid received, visits, trainer qualifications.</summary>
public sealed record Artisan(
    Guid Id,
    bool Registered,
    string NikHash,
    string SealedNik,
    string SealedName,
    Gender Gender,
    int BirthYear,
    string RegencyCode,
    string BusinessName,
    IReadOnlyList<EquipmentAid> Aid,
    IReadOnlyList<MonevVisit> Visits,
    IReadOnlyList<string> TrainerSchemes,
    bool Erased = false) : IAggregate<Artisan>
{
    /// <summary>The day the artisan was registered: nothing recorded on them precedes it.</summary>
    public DateOnly RegisteredOn { get; init; }

    public static Artisan Initial { get; } = new(Guid.Empty, false, "", "", "", Gender.Female, 0, "", "", [], [], []);

    public static Artisan Fold(Artisan state, object @event) => @event switch
    {
        ArtisanRegistered e => state with
        {
            Id = e.ArtisanId, Registered = true, NikHash = e.NikHash, SealedNik = e.SealedNik, SealedName = e.SealedName,
            Gender = e.Gender, BirthYear = e.BirthYear, RegencyCode = e.RegencyCode, BusinessName = e.BusinessName,
            RegisteredOn = e.EffectiveOn,
        },
        ArtisanDetailsCorrected e => state with
        {
            NikHash = e.NikHash ?? state.NikHash,
            SealedNik = e.SealedNik ?? state.SealedNik,
            SealedName = e.SealedName ?? state.SealedName,
            Gender = e.Gender ?? state.Gender,
            BirthYear = e.BirthYear ?? state.BirthYear,
            RegencyCode = e.RegencyCode ?? state.RegencyCode,
            BusinessName = e.BusinessName ?? state.BusinessName,
        },
        EquipmentAidReceived e => state with { Aid = [.. state.Aid, new EquipmentAid(e.Item, e.Quantity, e.PksId, e.ReceivedAt)] },
        MonevVisitRecorded e => state with { Visits = [.. state.Visits, new MonevVisit(e.VisitedOn, e.Officer, e.Findings)] },
        ArtisanQualifiedAsTrainer e => state with { TrainerSchemes = [.. state.TrainerSchemes, e.SchemeCode] },
        PersonalDataErased => state with { Erased = true },
        _ => state,
    };

    /// <summary>
    /// The effective date of a command's fact (<paramref name="fact"/>, e.g. "visit") on this artisan: the day given,
    /// else today in Asia/Jakarta; never in the future, never before the registration.
    /// </summary>
    public DateOnly DayOf(string fact, DateOnly? given, DateTimeOffset at) =>
        EffectiveDates.Judge(given, at, fact).NotBefore(fact, "registration", RegisteredOn);

    /// <summary>Refuses a command on an artisan the ledger does not know.</summary>
    public Artisan EnsureRegistered(Guid id)
    {
        if (!Registered) throw new Domain.NotFoundException($"No artisan {id} is registered.");
        return this;
    }
}

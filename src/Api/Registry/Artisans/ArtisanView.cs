using Ledger.Artisans;
using Ledger.PersonalData;

namespace Ledger.Api.Registry.Artisans;

/// <summary>
/// An artisan as the registry reads it. The name is revealed through the protector, the NIK only as its
/// last four digits; after an erasure both are null and <see cref="PersonalDataErased"/> is true.
/// </summary>
public sealed record ArtisanView(
    Guid Id,
    long Version,
    string? Name,
    string? NikLastDigits,
    bool PersonalDataErased,
    Gender Gender,
    int BirthYear,
    string RegencyCode,
    string BusinessName,
    IReadOnlyList<EquipmentAid> Aid,
    IReadOnlyList<MonevVisit> Visits,
    IReadOnlyList<string> TrainerSchemes)
{
    public static async Task<ArtisanView> RevealAsync(Artisan state, long version, PersonalDataProtector protector, CancellationToken ct)
    {
        var name = await protector.RevealAsync(state.Id, state.SealedName, ct);
        var nik = await protector.RevealAsync(state.Id, state.SealedNik, ct);
        var erased = state.Erased || name.IsErased || nik.IsErased;
        return new ArtisanView(state.Id, version,
            erased ? null : name.Value,
            erased || nik.Value is not { Length: >= 4 } n ? null : n[^4..],
            erased, state.Gender, state.BirthYear, state.RegencyCode, state.BusinessName, state.Aid, state.Visits, state.TrainerSchemes);
    }
}

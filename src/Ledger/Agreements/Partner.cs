using System.Text.Json.Serialization;
using Ledger.Domain;
using Ledger.Regencies;

namespace Ledger.Agreements;

/// <summary>
/// The kind of party that signs an MoU with a centre. Spelled once (<see cref="PartnerKinds.Name"/>): in events, the API,
/// the read models and CSV alike.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PartnerKind>))]
public enum PartnerKind
{
    [JsonStringEnumMemberName("regency")] Regency,
    [JsonStringEnumMemberName("province")] Province,
    [JsonStringEnumMemberName("state-owned-firm")] StateOwnedFirm,
    [JsonStringEnumMemberName("private-firm")] PrivateFirm,
    [JsonStringEnumMemberName("ministry-or-agency")] MinistryOrAgency,
    [JsonStringEnumMemberName("school")] School,
}

/// <summary>The one spelling of each partner kind.</summary>
public static class PartnerKinds
{
    public static IReadOnlyList<PartnerKind> All { get; } = Enum.GetValues<PartnerKind>();

    public static string Name(this PartnerKind kind) => StatusWords<PartnerKind>.Of(kind);

    /// <summary>The kind spelled <paramref name="name"/> (case-insensitive), or null when none is.</summary>
    public static PartnerKind? Parse(string? name) =>
        All.Select(k => (PartnerKind?)k).FirstOrDefault(k => string.Equals(k!.Value.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Every spelling, for messages that list them.</summary>
    public static string Listed { get; } = string.Join(", ", All.Select(k => k.Name()));
}

/// <summary>
/// Who signed the MoU with the centre: a regency (with its code on the official list), a province (with its code), or a
/// state-owned firm, private firm, ministry or agency, or school (by name). Only a regency carries a regency code, and
/// only a regency partner's PKS holds seats for one regency's artisans.
/// </summary>
public sealed record Partner(PartnerKind Kind, string Name, string? RegencyCode, string? ProvinceCode)
{
    /// <summary>
    /// The partner an event or a state holds, where events recorded before partners had kinds carry only a regency
    /// code: those are regencies, named by the official list.
    /// </summary>
    public static Partner Recorded(PartnerKind? kind, string? name, string? regencyCode, string? provinceCode)
    {
        var k = kind ?? PartnerKind.Regency;
        var province = provinceCode ?? (k == PartnerKind.Regency && regencyCode is { Length: >= 2 } ? regencyCode[..2] : null);
        var fallback = k switch
        {
            PartnerKind.Regency when regencyCode is not null => OfficialRegencies.NameOf(regencyCode) ?? regencyCode,
            PartnerKind.Province when province is not null => OfficialRegencies.ProvinceNameOf(province) ?? province,
            _ => "",
        };
        return new Partner(k, string.IsNullOrWhiteSpace(name) ? fallback : name, k == PartnerKind.Regency ? regencyCode : null, province);
    }

    /// <summary>
    /// The partner a command names, judged: a regency needs a regency code on the official list, a province a province
    /// code on it, any other kind a name; a regency code on any other kind, or a province code on a kind other than a
    /// province (or a regency's own), is refused. A regency or province left unnamed takes its official name.
    /// </summary>
    public static Partner Judge(PartnerKind? kind, string? name, string? regencyCode, string? provinceCode)
    {
        var hasRegency = !string.IsNullOrWhiteSpace(regencyCode);
        var hasProvince = !string.IsNullOrWhiteSpace(provinceCode);
        var k = kind ?? (hasRegency
            ? PartnerKind.Regency
            : throw new DomainException($"The partner's kind is required: one of {PartnerKinds.Listed} (a regency code alone means a regency)."));
        var given = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        switch (k)
        {
            case PartnerKind.Regency:
                if (!hasRegency) throw new DomainException("A regency partner needs its regency code (PP.KK).");
                var regency = Rules.RegencyCode(regencyCode);
                if (hasProvince && provinceCode!.Trim() != regency[..2])
                    throw new DomainException($"The province code {provinceCode.Trim()} is not the province of regency {regency}.");
                return new Partner(k, given ?? OfficialRegencies.NameOf(regency)!, regency, regency[..2]);
            case PartnerKind.Province:
                if (hasRegency) throw new DomainException($"Only a regency partner carries a regency code; this partner is a {k.Name()}.");
                if (!hasProvince) throw new DomainException("A province partner needs its province code (PP, e.g. 35 for Jawa Timur).");
                var province = provinceCode!.Trim();
                if (!OfficialRegencies.ContainsProvince(province))
                    throw new DomainException($"No province has the code {province} on the official list (Kepmendagri No. 300.2.2-2138 Tahun 2025).");
                return new Partner(k, given ?? OfficialRegencies.ProvinceNameOf(province)!, null, province);
            default:
                if (hasRegency) throw new DomainException($"Only a regency partner carries a regency code; this partner is a {k.Name()}.");
                if (hasProvince) throw new DomainException($"Only a province or regency partner carries a province code; this partner is a {k.Name()}.");
                return new Partner(k, given ?? throw new DomainException($"The partner's name is required for a {k.Name()}."), null, null);
        }
    }

    public bool IsRegency => Kind == PartnerKind.Regency;

    /// <summary>
    /// Whether an artisan registered in <paramref name="artisanRegency"/> may take a seat under this partner's PKS: a
    /// regency's seats are for its own artisans, a province's for artisans of its regencies, any other partner's for
    /// artisans of any regency.
    /// </summary>
    public string? RefusesArtisanOf(string artisanRegency) => Kind switch
    {
        PartnerKind.Regency when artisanRegency != RegencyCode =>
            $"The artisan is registered in regency {artisanRegency}, but the PKS is for regency {RegencyCode}.",
        PartnerKind.Province when !artisanRegency.StartsWith(ProvinceCode + ".", StringComparison.Ordinal) =>
            $"The artisan is registered in regency {artisanRegency}, outside province {ProvinceCode} ({Name}), the PKS's partner.",
        _ => null,
    };
}

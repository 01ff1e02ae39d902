using Ledger.Api.Problems;

namespace Ledger.Api.Registry.Agreements;

/// <summary>An MoU signed by a regency head (Bupati) and a centre head.</summary>
public sealed record SignMouRequest(string? RegencyCode, string? CentreName, string? RegencyHead, string? CentreHead, DateOnly? SignedOn, DateOnly? ValidUntil)
{
    public static readonly SignMouRequest Example = new("36.04", "BBSPJIKB Yogyakarta", "Ratu Tatu Chasanah", "Titik Purwati Widowati",
        new DateOnly(2026, 1, 15), new DateOnly(2028, 12, 31));

    public FieldErrors Validate() => new FieldErrors()
        .Check("regencyCode", Ledger.Domain.Rules.IsRegencyCode(RegencyCode?.Trim()), "The regency code is written PP.KK, e.g. 35.23.")
        .Required("centreName", CentreName)
        .Required("regencyHead", RegencyHead)
        .Required("centreHead", CentreHead)
        .Required("signedOn", SignedOn)
        .Required("validUntil", ValidUntil)
        .Check("validUntil", SignedOn is null || ValidUntil is null || ValidUntil > SignedOn, "The term must end after the day it is signed.");
}

/// <summary>A PKS signed under an MoU by the agency head and the centre head: schemes, yearly quota, aid per certified artisan.</summary>
public sealed record SignPksRequest(
    Guid? MouId, string? AgencyName, string? AgencyHead, string? CentreHead, DateOnly? SignedOn, DateOnly? ValidUntil,
    IReadOnlyList<string>? Schemes, int? YearlyQuota, string? EquipmentAidPerArtisan)
{
    public static readonly SignPksRequest Example = new(Guid.Parse("0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b"), "Dinas Koperasi, UKM dan Perindustrian Kabupaten Serang",
        "Hj. Aning Rahmawati", "Titik Purwati Widowati", new DateOnly(2026, 2, 1), new DateOnly(2027, 12, 31), ["PEMBATIK-TULIS"], 10, "Kompor listrik");

    public FieldErrors Validate() => new FieldErrors()
        .Required("mouId", MouId)
        .Required("agencyName", AgencyName)
        .Required("agencyHead", AgencyHead)
        .Required("centreHead", CentreHead)
        .Required("signedOn", SignedOn)
        .Required("validUntil", ValidUntil)
        .Check("validUntil", SignedOn is null || ValidUntil is null || ValidUntil > SignedOn, "The term must end after the day it is signed.")
        .Check("schemes", Schemes is { Count: > 0 } && Schemes.All(s => !string.IsNullOrWhiteSpace(s)), "At least one scheme code, none blank.")
        .Check("yearlyQuota", YearlyQuota is >= 1 and <= 100_000, "The yearly quota must be between 1 and 100000 artisans.");
}

/// <summary>An amendment (addendum) of a PKS; an absent term stays as it is.</summary>
public sealed record AmendPksRequest(string? AmendmentNumber, IReadOnlyList<string>? Schemes, int? YearlyQuota, string? EquipmentAidPerArtisan, DateOnly? ValidUntil, string? Reason)
{
    public static readonly AmendPksRequest Example = new("ADD-01/2026", null, 20, null, null, "The regency doubled its budget.");

    public FieldErrors Validate() => new FieldErrors()
        .Required("amendmentNumber", AmendmentNumber)
        .Required("reason", Reason)
        .Check("", Schemes is not null || YearlyQuota is not null || EquipmentAidPerArtisan is not null || ValidUntil is not null, "An amendment must change at least one term.")
        .Check("schemes", Schemes is null || (Schemes.Count > 0 && Schemes.All(s => !string.IsNullOrWhiteSpace(s))), "At least one scheme code, none blank.")
        .Check("yearlyQuota", YearlyQuota is null or (>= 1 and <= 100_000), "The yearly quota must be between 1 and 100000 artisans.");
}

/// <summary>An agreement ended before its term, from a day, with the reason.</summary>
public sealed record TerminateAgreementRequest(DateOnly? EffectiveOn, string? Reason)
{
    public static readonly TerminateAgreementRequest Example = new(new DateOnly(2026, 6, 30), "The regency merged its agencies.");

    public FieldErrors Validate() => new FieldErrors().Required("effectiveOn", EffectiveOn).Required("reason", Reason);
}

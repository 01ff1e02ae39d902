using Ledger.Api.Problems;
using Ledger.Artisans;

namespace Ledger.Api.Registry.Artisans;

/// <summary>Registers an artisan. The NIK is hashed and sealed before anything is recorded; it is never stored in clear.</summary>
public sealed record RegisterArtisanRequest(string? Name, string? Nik, Gender? Gender, int? BirthYear, string? RegencyCode, string? BusinessName)
{
    public static readonly RegisterArtisanRequest Example = new("Siti Rahayu", "3604014507850002", Ledger.Artisans.Gender.Female, 1985, "36.04", "Batik Serang Sari");

    public FieldErrors Validate(int currentYear) => new FieldErrors()
        .Required("name", Name)
        .Check("nik", Nik is not null && Nik.Trim().Length == 16 && Nik.Trim().All(char.IsAsciiDigit), "The NIK must be the 16 digits of the national identity card.")
        .Check("gender", Gender is not null, "The gender is required: Female or Male.")
        .Check("birthYear", BirthYear is { } y && y >= 1920 && y <= currentYear - 10, "The birth year must be between 1920 and ten years ago.")
        .Check("regencyCode", Ledger.Domain.Rules.IsRegencyCode(RegencyCode?.Trim()), "The regency code is written PP.KK, e.g. 35.23.")
        .Required("businessName", BusinessName);
}

/// <summary>Corrects details; an absent field stays as it is. The reason is required.</summary>
public sealed record CorrectArtisanDetailsRequest(string? Name, string? Nik, Gender? Gender, int? BirthYear, string? RegencyCode, string? BusinessName, string? Reason)
{
    public static readonly CorrectArtisanDetailsRequest Example = new(null, null, null, null, "36.04", "Batik Serang Sari Makmur", "The IKM changed its name.");

    public FieldErrors Validate(int currentYear) => new FieldErrors()
        .Required("reason", Reason)
        .Check("", Name is not null || Nik is not null || Gender is not null || BirthYear is not null || RegencyCode is not null || BusinessName is not null,
            "A correction must change at least one detail.")
        .Check("name", Name is null || !string.IsNullOrWhiteSpace(Name), "The name cannot be blank.")
        .Check("nik", Nik is null || (Nik.Trim().Length == 16 && Nik.Trim().All(char.IsAsciiDigit)), "The NIK must be the 16 digits of the national identity card.")
        .Check("birthYear", BirthYear is null || (BirthYear >= 1920 && BirthYear <= currentYear - 10), "The birth year must be between 1920 and ten years ago.")
        .Check("regencyCode", RegencyCode is null || Ledger.Domain.Rules.IsRegencyCode(RegencyCode.Trim()), "The regency code is written PP.KK, e.g. 35.23.")
        .Check("businessName", BusinessName is null || !string.IsNullOrWhiteSpace(BusinessName), "The business name cannot be blank.");
}

/// <summary>Equipment aid handed over, under a PKS when named.</summary>
public sealed record RecordEquipmentAidRequest(string? Item, int? Quantity, Guid? PksId)
{
    public static readonly RecordEquipmentAidRequest Example = new("Kompor listrik (electric wax stove)", 1, null);

    public FieldErrors Validate() => new FieldErrors()
        .Required("item", Item)
        .Check("quantity", Quantity is >= 1 and <= 1000, "The quantity must be between 1 and 1000.");
}

/// <summary>A monitoring and evaluation visit by the regency agency.</summary>
public sealed record RecordMonevVisitRequest(DateOnly? VisitedOn, string? Officer, string? Findings)
{
    public static readonly RecordMonevVisitRequest Example = new(new DateOnly(2026, 3, 12), "Dwi Handayani", "Production doubled; uses the electric stove daily.");

    public FieldErrors Validate() => new FieldErrors()
        .Required("visitedOn", VisitedOn)
        .Required("officer", Officer)
        .Required("findings", Findings);
}

/// <summary>Qualifies a certified artisan as a trainer in a scheme.</summary>
public sealed record QualifyAsTrainerRequest(string? SchemeCode)
{
    public static readonly QualifyAsTrainerRequest Example = new("PEMBATIK-TULIS");

    public FieldErrors Validate() => new FieldErrors().Required("schemeCode", SchemeCode);
}

/// <summary>Erases the artisan's personal data on request (UU 27/2022); the reason is required.</summary>
public sealed record ErasePersonalDataRequest(string? Reason)
{
    public static readonly ErasePersonalDataRequest Example = new("Request of the data subject, letter 12/2026.");

    public FieldErrors Validate() => new FieldErrors().Required("reason", Reason);
}

using Ledger.Api.Problems;
using Ledger.Certifications;

namespace Ledger.Api.Registry.Certifications;

/// <summary>Enrolls a registered artisan in a scheme under the regency's PKS (and a batch, when named), taking a quota seat.</summary>
public sealed record EnrollArtisanRequest(Guid? ArtisanId, string? SchemeCode, Guid? PksId, Guid? BatchId)
{
    public static readonly EnrollArtisanRequest Example = new(Guid.Parse("2f1e0d9c-8b7a-4654-9321-0fedcba98765"), "PEMBATIK-TULIS",
        Guid.Parse("5d7e8f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f"), null);

    public FieldErrors Validate() => new FieldErrors()
        .Required("artisanId", ArtisanId)
        .Required("schemeCode", SchemeCode)
        .Required("pksId", PksId)
        .Check("batchId", BatchId != Guid.Empty, "The batch id cannot be the empty id; leave it out for no batch.");
}

/// <summary>A reason, for the commands that require one (return, freeze, reinstatement, revocation).</summary>
public sealed record ReasonRequest(string? Reason)
{
    public static readonly ReasonRequest Example = new("Misuse of the certificate reported by the regency agency; under investigation.");

    public FieldErrors Validate() => new FieldErrors().Required("reason", Reason);
}

/// <summary>One SKKNI unit's recommendation and evidence method.</summary>
public sealed record UnitAssessmentRequest(string? UnitCode, Competence? Recommendation, EvidenceMethod? Method);

/// <summary>An assessment attempt by a licensed assessor at an assessment site (TUK).</summary>
public sealed record RecordAssessmentRequest(string? Assessor, string? AssessmentSite, DateOnly? AssessedOn, IReadOnlyList<UnitAssessmentRequest>? Units)
{
    public static readonly RecordAssessmentRequest Example = new("Sri Wahyuni, MET.000.001234 2019", "TUK Sewaktu BBSPJIKB", new DateOnly(2026, 4, 9),
    [
        new("C.13BTK01.001.2", Competence.Competent, EvidenceMethod.Observation),
        new("C.13BTK01.002.2", Competence.Competent, EvidenceMethod.Portfolio),
    ]);

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("assessor", Assessor)
            .Required("assessmentSite", AssessmentSite)
            .Required("assessedOn", AssessedOn)
            .Check("units", Units is { Count: > 0 and <= 200 }, "An assessment covers 1 to 200 SKKNI units.");
        for (var i = 0; i < (Units?.Count ?? 0); i++)
        {
            var unit = Units![i];
            if (unit is null) { errors.Add($"units[{i}]", "A unit cannot be null."); continue; }
            errors.Required($"units[{i}].unitCode", unit.UnitCode)
                .Check($"units[{i}].recommendation", unit.Recommendation is not null, "The recommendation is required: Competent (K) or NotYetCompetent (BK).")
                .Check($"units[{i}].method", unit.Method is not null, "The evidence method is required: Portfolio, Observation or Test.");
        }
        return errors;
    }

    public IReadOnlyList<UnitAssessment> ToUnits() =>
        Units!.Select(u => new UnitAssessment(u.UnitCode!.Trim(), u.Recommendation!.Value, u.Method!.Value)).ToList();
}

/// <summary>The candidate's appeal (FR.AK.04) against the latest attempt.</summary>
public sealed record FileAppealRequest(string? Grounds)
{
    public static readonly FileAppealRequest Example = new("The observation was cut short by a power failure.");

    public FieldErrors Validate() => new FieldErrors().Required("grounds", Grounds);
}

/// <summary>The appeal's outcome: Upheld (a new attempt follows) or Dismissed (the attempt goes to the panel).</summary>
public sealed record DecideAppealRequest(AppealOutcome? Outcome, string? Reason)
{
    public static readonly DecideAppealRequest Example = new(AppealOutcome.Upheld, "The observation was incomplete.");

    public FieldErrors Validate() => new FieldErrors()
        .Check("outcome", Outcome is not null, "The outcome is required: Upheld or Dismissed.")
        .Required("reason", Reason);
}

/// <summary>The decision panel's K or BK on the latest attempt; the panel must not include its assessor.</summary>
public sealed record DecideCertificationRequest(Competence? Decision, IReadOnlyList<string>? Panel)
{
    public static readonly DecideCertificationRequest Example = new(Competence.Competent, ["Bambang Sutrisno", "Endang Lestari"]);

    public FieldErrors Validate() => new FieldErrors()
        .Check("decision", Decision is not null, "The decision is required: Competent (K) or NotYetCompetent (BK).")
        .Check("panel", Panel is { Count: > 0 and <= 20 } && Panel.All(p => !string.IsNullOrWhiteSpace(p)), "The panel names 1 to 20 members, none blank.");
}

/// <summary>Issues the certificate after a K decision: the blanko (security form) number and the issuing LSP's code.</summary>
public sealed record IssueCertificateRequest(string? BlankoNumber, string? IssuingLsp)
{
    public static readonly IssueCertificateRequest Example = new("BNSP-B 0012345", "LSPBATIK");

    public FieldErrors Validate() => new FieldErrors()
        .Required("blankoNumber", BlankoNumber)
        .Check("issuingLsp", IssuingLsp is not null && System.Text.RegularExpressions.Regex.IsMatch(IssuingLsp.Trim().ToUpperInvariant(), "^[A-Z0-9]{2,12}$"),
            "The issuing LSP's code is 2 to 12 letters or digits, e.g. LSPBATIK.");
}

/// <summary>Renews an active certificate after a K decision on re-certification, on a new blanko.</summary>
public sealed record RenewCertificateRequest(string? BlankoNumber)
{
    public static readonly RenewCertificateRequest Example = new("BNSP-B 0098765");

    public FieldErrors Validate() => new FieldErrors().Required("blankoNumber", BlankoNumber);
}

/// <summary>What issuing recorded: the version, and the certificate's number and validity.</summary>
public sealed record CertificateIssuedResponse(Guid Id, long Version, string CertificateNumber, DateOnly ValidFrom, DateOnly ValidUntil);

/// <summary>A certification as it stands, with what a verifier would be told today.</summary>
public sealed record CertificationView(Guid Id, long Version, VerificationStatus StatusToday, Certification State);

using Ledger.Api.Problems;
using Ledger.Certifications;

namespace Ledger.Api.Registry.Certifications;

/// <summary>
/// A reason, for the commands that require one (return, freeze, reinstatement, revocation), and the day the change took
/// effect (<c>effectiveOn</c>: the day the application was returned, the certificate frozen, reinstated or revoked; today
/// in Asia/Jakarta when left out).
/// </summary>
public sealed record ReasonRequest(string? Reason, DateOnly? EffectiveOn = null)
    : IValidatedRequest
{
    public static readonly ReasonRequest Example = new("Misuse of the certificate reported by the regency agency; under investigation.", new DateOnly(2026, 5, 4));

    public FieldErrors Validate() => new FieldErrors().Required("reason", Reason);
}

/// <summary>One SKKNI unit's recommendation and evidence method.</summary>
public sealed record UnitAssessmentRequest(string? UnitCode, Competence? Recommendation, EvidenceMethod? Method);

/// <summary>What issuing recorded: the version, and the certificate's number and validity.</summary>
public sealed record CertificateIssuedResponse(Guid Id, long Version, string CertificateNumber, DateOnly ValidFrom, DateOnly ValidUntil);

/// <summary>A certification as it stands, with what a verifier would be told today.</summary>
public sealed record CertificationView(Guid Id, long Version, VerificationStatus StatusToday, Certification State);

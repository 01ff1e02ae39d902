using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Certifications;

/// <summary>An artisan was enrolled for certification in a scheme, taking a seat of the regency's quota for the year (and of a batch, when named).</summary>
public sealed record ArtisanEnrolled(
    Guid CertificationId,
    Guid ArtisanId,
    string SchemeCode,
    string RegencyCode,
    Guid PksId,
    Guid? BatchId,
    int QuotaYear,
    DateTimeOffset EnrolledAt);

/// <summary>The application (FR.APL.01) and self-assessment (FR.APL.02) were found complete.</summary>
public sealed record ApplicationAccepted(Guid CertificationId, DateTimeOffset AcceptedAt);

/// <summary>The application was returned to the candidate to complete, with the reason.</summary>
public sealed record ApplicationReturned(Guid CertificationId, string Reason, DateTimeOffset ReturnedAt);

/// <summary>An assessment attempt: the assessor, the site (TUK), and a K/BK recommendation per SKKNI unit with its evidence method.</summary>
public sealed record AssessmentRecorded(
    Guid CertificationId,
    int Attempt,
    string Assessor,
    string AssessmentSite,
    DateOnly AssessedOn,
    IReadOnlyList<UnitAssessment> Units,
    Competence Recommendation,
    DateTimeOffset RecordedAt);

/// <summary>The candidate appealed (banding, FR.AK.04) against an attempt's assessment.</summary>
public sealed record AppealFiled(Guid CertificationId, int Attempt, string Grounds, DateTimeOffset FiledAt);

/// <summary>The appeal was decided: upheld sets the attempt aside (a new attempt follows); dismissed leaves it to the panel.</summary>
public sealed record AppealDecided(Guid CertificationId, int Attempt, AppealOutcome Outcome, string Reason, DateTimeOffset DecidedAt);

/// <summary>A decision panel that did not assess the candidate decided K (competent) or BK (not yet competent) on an attempt.</summary>
public sealed record CertificationDecided(
    Guid CertificationId,
    int Attempt,
    Competence Decision,
    IReadOnlyList<string> Panel,
    DateTimeOffset DecidedAt);

/// <summary>The certificate was issued: its number, the blanko (security form) number, scheme and units, issuing LSP and validity.</summary>
public sealed record CertificateIssued(
    Guid CertificationId,
    string CertificateNumber,
    string BlankoNumber,
    string SchemeCode,
    IReadOnlyList<string> Units,
    string IssuingLsp,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateTimeOffset IssuedAt);

/// <summary>The certificate was frozen (pembekuan), e.g. while misuse is investigated; it is not valid meanwhile.</summary>
public sealed record CertificateFrozen(Guid CertificationId, string CertificateNumber, string Reason, DateTimeOffset FrozenAt);

/// <summary>A frozen certificate was reinstated; it is valid again until its original end date.</summary>
public sealed record CertificateReinstated(Guid CertificationId, string CertificateNumber, string Reason, DateTimeOffset ReinstatedAt);

/// <summary>The certificate was revoked (pencabutan), permanently; nothing but reads follows.</summary>
public sealed record CertificateRevoked(Guid CertificationId, string CertificateNumber, string Reason, string RevokedBy, DateTimeOffset RevokedAt);

/// <summary>The certificate's validity ended.</summary>
public sealed record CertificateExpired(Guid CertificationId, string CertificateNumber, DateOnly ValidUntil, DateTimeOffset RecordedAt);

/// <summary>The certificate was renewed after re-certification, with a new blanko and a new validity.</summary>
public sealed record CertificateRenewed(
    Guid CertificationId,
    string CertificateNumber,
    string BlankoNumber,
    int Attempt,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateTimeOffset RenewedAt);

[JsonConverter(typeof(JsonStringEnumConverter<Competence>))]
public enum Competence
{
    /// <summary>BK, belum kompeten.</summary>
    NotYetCompetent,
    /// <summary>K, kompeten.</summary>
    Competent,
}

[JsonConverter(typeof(JsonStringEnumConverter<EvidenceMethod>))]
public enum EvidenceMethod { Portfolio, Observation, Test }

[JsonConverter(typeof(JsonStringEnumConverter<AppealOutcome>))]
public enum AppealOutcome { Upheld, Dismissed }

[JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))]
public enum ApplicationStatus { Pending, Accepted, Returned }

[JsonConverter(typeof(JsonStringEnumConverter<CertificateStatus>))]
public enum CertificateStatus { NotIssued, Active, Frozen, Revoked, Expired }

/// <summary>What a verifier is told about a certificate at a moment.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerificationStatus>))]
public enum VerificationStatus { NotIssued, Valid, Frozen, Revoked, Expired }

/// <summary>The recommendation on one SKKNI unit (e.g. <c>C.13BTK01.001.2</c>) and how the evidence was gathered.</summary>
public sealed record UnitAssessment(string UnitCode, Competence Recommendation, EvidenceMethod Method);

[JsonConverter(typeof(JsonStringEnumConverter<AppealStatus>))]
public enum AppealStatus { None, Open, Upheld, Dismissed }

/// <summary>One assessment attempt as it stands: its appeal and its decision, if any.</summary>
public sealed record Attempt(
    int Number,
    string Assessor,
    IReadOnlyList<UnitAssessment> Units,
    Competence Recommendation,
    AppealStatus Appeal,
    Competence? Decision,
    DateTimeOffset RecordedAt)
{
    /// <summary>Still waiting for the panel: not decided and not set aside on appeal.</summary>
    public bool AwaitsDecision => Decision is null && Appeal != AppealStatus.Upheld;
}

/// <summary>The certificate as issued or last renewed.</summary>
public sealed record Certificate(
    string Number,
    string BlankoNumber,
    string SchemeCode,
    IReadOnlyList<string> Units,
    string IssuingLsp,
    DateOnly ValidFrom,
    DateOnly ValidUntil);

/// <summary>
/// One artisan's certification in one scheme, from enrollment to the certificate's end: every attempt,
/// appeal and decision, then issuance, freezes, reinstatements, revocation, expiry and renewals.
/// </summary>
public sealed record Certification(
    Guid Id,
    bool Enrolled,
    Guid ArtisanId,
    string SchemeCode,
    string RegencyCode,
    Guid PksId,
    Guid? BatchId,
    ApplicationStatus Application,
    IReadOnlyList<Attempt> Attempts,
    Certificate? Certificate,
    CertificateStatus Status,
    DateTimeOffset? RevokedAt,
    bool CompetentSinceCertified) : IAggregate<Certification>
{
    public static Certification Initial { get; } = new(Guid.Empty, false, Guid.Empty, "", "", Guid.Empty, null,
        ApplicationStatus.Pending, [], null, CertificateStatus.NotIssued, null, false);

    public Attempt? LatestAttempt => Attempts.Count == 0 ? null : Attempts[^1];

    public static Certification Fold(Certification state, object @event) => @event switch
    {
        ArtisanEnrolled e => state with
        {
            Id = e.CertificationId, Enrolled = true, ArtisanId = e.ArtisanId, SchemeCode = e.SchemeCode,
            RegencyCode = e.RegencyCode, PksId = e.PksId, BatchId = e.BatchId,
        },
        ApplicationAccepted => state with { Application = ApplicationStatus.Accepted },
        ApplicationReturned => state with { Application = ApplicationStatus.Returned },
        AssessmentRecorded e => state with
        {
            Attempts = [.. state.Attempts, new Attempt(e.Attempt, e.Assessor, e.Units, e.Recommendation, AppealStatus.None, null, e.RecordedAt)],
        },
        AppealFiled e => state.WithAttempt(e.Attempt, a => a with { Appeal = AppealStatus.Open }),
        AppealDecided e => state.WithAttempt(e.Attempt, a => a with
        {
            Appeal = e.Outcome == AppealOutcome.Upheld ? AppealStatus.Upheld : AppealStatus.Dismissed,
        }),
        CertificationDecided e => state.WithAttempt(e.Attempt, a => a with { Decision = e.Decision }) with
        {
            CompetentSinceCertified = state.Certificate is not null && e.Decision == Competence.Competent,
        },
        CertificateIssued e => state with
        {
            Certificate = new Certificate(e.CertificateNumber, e.BlankoNumber, e.SchemeCode, e.Units, e.IssuingLsp, e.ValidFrom, e.ValidUntil),
            Status = CertificateStatus.Active,
            CompetentSinceCertified = false,
        },
        CertificateFrozen => state with { Status = CertificateStatus.Frozen },
        CertificateReinstated => state with { Status = CertificateStatus.Active },
        CertificateRevoked e => state with { Status = CertificateStatus.Revoked, RevokedAt = e.RevokedAt },
        CertificateExpired => state with { Status = CertificateStatus.Expired },
        CertificateRenewed e when state.Certificate is { } c => state with
        {
            Certificate = c with { BlankoNumber = e.BlankoNumber, ValidFrom = e.ValidFrom, ValidUntil = e.ValidUntil },
            Status = CertificateStatus.Active,
            CompetentSinceCertified = false,
        },
        _ => state,
    };

    /// <summary>What a verifier is told at <paramref name="at"/>: frozen, revoked and expired certificates are not valid.</summary>
    public VerificationStatus StatusOn(DateOnly on) => Status switch
    {
        CertificateStatus.NotIssued => VerificationStatus.NotIssued,
        CertificateStatus.Frozen => VerificationStatus.Frozen,
        CertificateStatus.Revoked => VerificationStatus.Revoked,
        CertificateStatus.Expired => VerificationStatus.Expired,
        _ when Certificate is { } c && (on < c.ValidFrom || on > c.ValidUntil) => VerificationStatus.Expired,
        _ => VerificationStatus.Valid,
    };

    public bool IsValidOn(DateOnly on) => StatusOn(on) == VerificationStatus.Valid;

    /// <summary>The common guard of every command on a certification: it must exist and must not have been revoked.</summary>
    public Certification EnsureOpen()
    {
        if (!Enrolled) throw new NotFoundException("No artisan has been enrolled in this certification.");
        if (Status == CertificateStatus.Revoked)
            throw new DomainException(
                $"Certificate {Certificate?.Number} was revoked on {RevokedAt:yyyy-MM-dd}; nothing more can be recorded on it, it can only be read.");
        return this;
    }

    /// <summary>The issued certificate, for the commands that act on one.</summary>
    public Certificate EnsureIssued()
    {
        EnsureOpen();
        return Certificate ?? throw new DomainException($"No certificate has been issued for this certification in {SchemeCode} yet.");
    }

    Certification WithAttempt(int number, Func<Attempt, Attempt> change) =>
        this with { Attempts = [.. Attempts.Select(a => a.Number == number ? change(a) : a)] };
}

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
    DateOnly? EnrolledOn,
    DateTimeOffset EnrolledAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(EnrolledOn, EnrolledAt);
}

/// <summary>The application (FR.APL.01) and self-assessment (FR.APL.02) were found complete.</summary>
public sealed record ApplicationAccepted(Guid CertificationId, DateOnly? AcceptedOn, DateTimeOffset AcceptedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(AcceptedOn, AcceptedAt);
}

/// <summary>The application was returned to the candidate to complete, with the reason.</summary>
public sealed record ApplicationReturned(Guid CertificationId, string Reason, DateOnly? ReturnedOn, DateTimeOffset ReturnedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(ReturnedOn, ReturnedAt);
}

/// <summary>An assessment attempt: the assessor, the site (TUK), and a K/BK recommendation per SKKNI unit with its evidence method.</summary>
public sealed record AssessmentRecorded(
    Guid CertificationId,
    int Attempt,
    string Assessor,
    string AssessmentSite,
    DateOnly AssessedOn,
    IReadOnlyList<UnitAssessment> Units,
    Competence Recommendation,
    DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => AssessedOn;
}

/// <summary>The candidate appealed (banding, FR.AK.04) against an attempt's assessment.</summary>
public sealed record AppealFiled(Guid CertificationId, int Attempt, string Grounds, DateOnly? FiledOn, DateTimeOffset FiledAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(FiledOn, FiledAt);
}

/// <summary>The appeal was decided: upheld sets the attempt aside (a new attempt follows); dismissed leaves it to the panel.</summary>
public sealed record AppealDecided(Guid CertificationId, int Attempt, AppealOutcome Outcome, string Reason, DateOnly? DecidedOn, DateTimeOffset DecidedAt)
    : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(DecidedOn, DecidedAt);
}

/// <summary>A decision panel that did not assess the candidate decided K (competent) or BK (not yet competent) on an attempt.</summary>
public sealed record CertificationDecided(
    Guid CertificationId,
    int Attempt,
    Competence Decision,
    IReadOnlyList<string> Panel,
    DateOnly? DecidedOn,
    DateTimeOffset DecidedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(DecidedOn, DecidedAt);
}

/// <summary>
/// The certificate was issued: its number, the blanko (security form) number, scheme and units, issuing LSP and validity,
/// which begins on the day of issue (<see cref="ValidFrom"/>, its effective date).
/// </summary>
public sealed record CertificateIssued(
    Guid CertificationId,
    string CertificateNumber,
    string BlankoNumber,
    string SchemeCode,
    IReadOnlyList<string> Units,
    string IssuingLsp,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateTimeOffset IssuedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => ValidFrom;
}

/// <summary>The issued (or renewed) certificate was handed over to the artisan by an official, at a place, on a day (e.g. at a ceremony).</summary>
public sealed record CertificateHandedOver(
    Guid CertificationId,
    string CertificateNumber,
    string BlankoNumber,
    string Official,
    string Place,
    DateOnly HandedOverOn,
    DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => HandedOverOn;
}

/// <summary>The certificate was frozen (pembekuan), e.g. while misuse is investigated; it is not valid meanwhile.</summary>
public sealed record CertificateFrozen(Guid CertificationId, string CertificateNumber, string Reason, DateOnly? FrozenOn, DateTimeOffset FrozenAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(FrozenOn, FrozenAt);
}

/// <summary>A frozen certificate was reinstated; it is valid again until its original end date.</summary>
public sealed record CertificateReinstated(Guid CertificationId, string CertificateNumber, string Reason, DateOnly? ReinstatedOn, DateTimeOffset ReinstatedAt)
    : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(ReinstatedOn, ReinstatedAt);
}

/// <summary>The certificate was revoked (pencabutan), permanently; nothing but reads follows.</summary>
public sealed record CertificateRevoked(Guid CertificationId, string CertificateNumber, string Reason, string RevokedBy, DateOnly? RevokedOn, DateTimeOffset RevokedAt)
    : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(RevokedOn, RevokedAt);
}

/// <summary>The certificate's validity ended: it expired on the day after <see cref="ValidUntil"/>, its effective date.</summary>
public sealed record CertificateExpired(Guid CertificationId, string CertificateNumber, DateOnly ValidUntil, DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => ValidUntil.AddDays(1);
}

/// <summary>The certificate was renewed after re-certification, with a new blanko and a new validity from the day of renewal (<see cref="ValidFrom"/>).</summary>
public sealed record CertificateRenewed(
    Guid CertificationId,
    string CertificateNumber,
    string BlankoNumber,
    int Attempt,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateTimeOffset RenewedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => ValidFrom;
}

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

[JsonConverter(typeof(StatusWords<ApplicationStatus>))]
public enum ApplicationStatus { Pending, Accepted, Returned }

[JsonConverter(typeof(StatusWords<CertificateStatus>))]
/// <summary>
/// A certificate's status as its events leave it: <c>valid</c> until frozen, revoked or recorded as expired (what a
/// verifier is told on a given day, <see cref="VerificationStatus"/>, also says expired once the validity has run out).
/// </summary>
public enum CertificateStatus { NotIssued, Valid, Frozen, Revoked, Expired }

/// <summary>What a verifier is told about a certificate at a moment.</summary>
[JsonConverter(typeof(StatusWords<VerificationStatus>))]
public enum VerificationStatus { NotIssued, Valid, Frozen, Revoked, Expired }

/// <summary>The recommendation on one SKKNI unit (e.g. <c>C.13BTK01.001.2</c>) and how the evidence was gathered.</summary>
public sealed record UnitAssessment(string UnitCode, Competence Recommendation, EvidenceMethod Method);

[JsonConverter(typeof(StatusWords<AppealStatus>))]
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

/// <summary>The certificate as issued or last renewed, and its handover to the artisan once recorded.</summary>
public sealed record Certificate(
    string Number,
    string BlankoNumber,
    string SchemeCode,
    IReadOnlyList<string> Units,
    string IssuingLsp,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    Handover? HandedOver = null);

/// <summary>Who handed a certificate over to the artisan, where and on which day.</summary>
public sealed record Handover(string Official, string Place, DateOnly On);

/// <summary>
/// The facts of a certification in a registrar's words, as refusals name them ("The issue date 2023-01-10 precedes the
/// decision of 2023-02-01."): the command that records one names its date after it.
/// </summary>
public static class CertificationFacts
{
    public const string Enrollment = "enrollment";
    public const string Acceptance = "acceptance";
    public const string Return = "return";
    public const string Assessment = "assessment";
    public const string Appeal = "appeal";
    public const string AppealDecision = "appeal decision";
    public const string Decision = "decision";
    public const string Issue = "issue";
    public const string Handover = "handover";
    public const string Freeze = "freeze";
    public const string Reinstatement = "reinstatement";
    public const string Revocation = "revocation";
    public const string Renewal = "renewal";

    /// <summary>
    /// The fact an event records, when it is one a later fact may not precede; none for an expiry, which follows from
    /// the validity alone and may be recorded before facts dated earlier (a handover recorded after the certificate expired).
    /// </summary>
    public static string? Of(object @event) => @event switch
    {
        ArtisanEnrolled => Enrollment,
        ApplicationAccepted => Acceptance,
        ApplicationReturned => Return,
        AssessmentRecorded => Assessment,
        AppealFiled => Appeal,
        AppealDecided => AppealDecision,
        CertificationDecided => Decision,
        CertificateIssued => Issue,
        CertificateHandedOver => Handover,
        CertificateFrozen => Freeze,
        CertificateReinstated => Reinstatement,
        CertificateRevoked => Revocation,
        CertificateRenewed => Renewal,
        _ => null,
    };
}

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
    bool CompetentSinceCertified,
    DateOnly? RevokedOn = null,
    LatestFact? Latest = null) : IAggregate<Certification>
{
    public static Certification Initial { get; } = new(Guid.Empty, false, Guid.Empty, "", "", Guid.Empty, null,
        ApplicationStatus.Pending, [], null, CertificateStatus.NotIssued, null, false);

    public Attempt? LatestAttempt => Attempts.Count == 0 ? null : Attempts[^1];

    /// <summary>The state after <paramref name="event"/>, which becomes the latest fact when it is dated no earlier than the latest so far.</summary>
    public static Certification Fold(Certification state, object @event)
    {
        var after = Advance(state, @event);
        return CertificationFacts.Of(@event) is { } fact && @event is IDatedFact dated
            ? after with { Latest = LatestFact.Of(after.Latest, fact, dated.EffectiveOn) }
            : after;
    }

    static Certification Advance(Certification state, object @event) => @event switch
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
            Status = CertificateStatus.Valid,
            CompetentSinceCertified = false,
        },
        CertificateFrozen => state with { Status = CertificateStatus.Frozen },
        CertificateReinstated => state with { Status = CertificateStatus.Valid },
        CertificateHandedOver e when state.Certificate is { } c => state with
        {
            Certificate = c with { HandedOver = new Handover(e.Official, e.Place, e.HandedOverOn) },
        },
        CertificateRevoked e => state with { Status = CertificateStatus.Revoked, RevokedAt = e.RevokedAt, RevokedOn = e.EffectiveOn },
        CertificateExpired => state with { Status = CertificateStatus.Expired },
        CertificateRenewed e when state.Certificate is { } c => state with
        {
            Certificate = c with { BlankoNumber = e.BlankoNumber, ValidFrom = e.ValidFrom, ValidUntil = e.ValidUntil, HandedOver = null },
            Status = CertificateStatus.Valid,
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

    /// <summary>
    /// Whether the certificate's validity covered <paramref name="on"/> and it is neither frozen nor revoked: a past day
    /// of a certificate that has since expired counts.
    /// </summary>
    public bool WasInForceOn(DateOnly on) =>
        Certificate is { } c && on >= c.ValidFrom && on <= c.ValidUntil && Status is CertificateStatus.Valid or CertificateStatus.Expired;

    /// <summary>The common guard of every command on a certification: it must exist and must not have been revoked.</summary>
    public Certification EnsureOpen()
    {
        if (!Enrolled) throw new NotFoundException("No artisan has been enrolled in this certification.");
        if (Status == CertificateStatus.Revoked)
            throw new DomainException(
                $"Certificate {Certificate?.Number} was revoked on {RevokedOn:yyyy-MM-dd}; nothing more can be recorded on it, it can only be read.");
        return this;
    }

    /// <summary>
    /// The effective date of a command's <paramref name="fact"/> on this certification: the day given, else today in
    /// Asia/Jakarta; never in the future, never before the latest fact the stream holds.
    /// </summary>
    public DateOnly DayOf(string fact, DateOnly? given, DateTimeOffset at) =>
        EffectiveDates.Judge(given, at, fact).NotBefore(fact, Latest);

    /// <summary>The issued certificate, for the commands that act on one.</summary>
    public Certificate EnsureIssued()
    {
        EnsureOpen();
        return Certificate ?? throw new DomainException($"No certificate has been issued for this certification in {SchemeCode} yet.");
    }

    Certification WithAttempt(int number, Func<Attempt, Attempt> change) =>
        this with { Attempts = [.. Attempts.Select(a => a.Number == number ? change(a) : a)] };
}

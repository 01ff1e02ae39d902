namespace Ledger.Projections.Verification;

/// <summary>
/// What the public lookup answers: the status judged on the day of the lookup (Asia/Jakarta), the
/// holder's masked name (null once their personal data was erased), and no other personal data.
/// </summary>
public sealed record CertificateVerification(
    string CertificateNumber,
    string Status,
    string? Holder,
    string Scheme,
    string IssuingLsp,
    DateOnly IssuedOn,
    DateOnly ValidUntil,
    string? Reason);

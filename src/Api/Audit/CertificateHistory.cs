using Ledger.Certifications;
using Ledger.Domain;
using JasperFx.Events;
using Marten;

namespace Ledger.Api.Audit;

/// <summary>
/// A certification's history as it stood at the cut asked for (the latest, or a <see cref="HistoryCut"/> on either axis of time):
/// every event in order, the state folded from them, and what a verifier would have been told then.
/// </summary>
public sealed record CertificationHistory(
    Guid CertificationId,
    string? CertificateNumber,
    long Version,
    VerificationStatus StatusThen,
    Certification State,
    IReadOnlyList<AuditEvent> Events);

/// <summary>Resolves certificate numbers to certification streams through the LSP-year numbering stream.</summary>
public static class CertificateNumbers
{
    /// <summary>The certification a number was assigned to; null when the number was never assigned.</summary>
    public static async Task<Guid?> ResolveAsync(IQuerySession session, CertificateNumber number, CancellationToken ct)
    {
        var numbering = await session.Events.FetchStreamAsync(CertificateNumbering.StreamIdFor(number.LspCode, number.Year), token: ct);
        return numbering.Select(e => e.Data).OfType<CertificateNumberAssigned>()
            .FirstOrDefault(a => a.Serial == number.Serial && a.CertificateNumber == number.ToString())?.CertificationId;
    }

    /// <summary>The number's problem in words a caller can act on (malformed, or a mistyped check character).</summary>
    public static string Describe(string text, CertificateNumberError error) => error == CertificateNumberError.BadCheckCharacter
        ? $"'{text}' has the form of a certificate number but its check character does not match: a character was probably mistyped."
        : $"'{text}' is not a certificate number: write it as LSP-YYYY-NNNNNN-C, e.g. LSPBATIK-2026-000042-X.";
}

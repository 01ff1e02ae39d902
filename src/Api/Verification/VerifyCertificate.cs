using Ledger.Api.Hosting;
using Ledger.Api.Problems;
using Ledger.Certifications;
using Ledger.Projections.Verification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Verification;

/// <summary>
/// <c>GET /api/verify/{certificateNumber}</c>: the BNSP-style lookup from the verification view. A number not
/// in the format and a number with a wrong check character are both 400, each saying which; an unknown one 404.
/// </summary>
public sealed class VerifyCertificate : ILedgerApiModule
{
    public void Map(LedgerApiGroups groups) =>
        groups.Verification.MapGet("/{certificateNumber}", Verify)
            .WithName("VerifyCertificate")
            .WithSummary("Verify a certificate by its number")
            .WithDescription("Status (valid, frozen, revoked, expired; expiry judged today in Asia/Jakarta), the holder's masked name, scheme, issuing LSP, dates and the reason for a freeze or revocation.");

    public static async Task<Results<Ok<CertificateVerification>, ValidationProblem, ProblemHttpResult>> Verify(
        string certificateNumber, VerificationQuery query, CancellationToken ct)
    {
        if (!CertificateNumber.TryParse(certificateNumber, out var number, out var error))
            return new FieldErrors().Add("certificateNumber", CertificateNumber.Refusal(certificateNumber, error))
                .Problem(error == CertificateNumberError.BadCheckCharacter ? "Bad check character." : "Malformed certificate number.");

        return await query.FindAsync(number, ct) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown certificate",
                detail: $"No certificate numbered {number} has been issued.");
    }
}

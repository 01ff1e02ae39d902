using Ledger.Api.Hosting;
using Ledger.Api.Problems;
using Ledger.Certifications;
using Ledger.Projections.Training;
using Ledger.Projections.Verification;
using Ledger.Training;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Verification;

/// <summary>
/// <c>GET /api/verify/{certificateNumber}</c>: the BNSP-style lookup from the verification view. A number not
/// in the format and a number with a wrong check character are both 400, each saying which; an unknown one 404. A centre's
/// training certificate number (<c>PELATIHAN-...</c>) is answered with what it is: a training certificate, not a competency one.
/// </summary>
public sealed class VerifyCertificate : ILedgerApiModule
{
    public void Map(LedgerApiGroups groups) =>
        groups.Verification.MapGet("/{certificateNumber}", Verify)
            .WithName("VerifyCertificate")
            .WithSummary("Verify a certificate by its number")
            .WithDescription("Status (valid, frozen, revoked, expired; expiry judged today in Asia/Jakarta), the holder's masked name, scheme, issuing LSP, dates and the reason for a freeze or revocation. " +
                "A centre's training certificate number (PELATIHAN-YYYY-XXXXXXXX-NNNN) is answered with a TrainingCertificateVerification instead: " +
                "kind \"training certificate\", the centre, field, programme year, partner and completion day, and a statement that it is not a competency certificate.");

    /// <remarks>
    /// A training certificate's answer is a 200 of its own shape; it is not declared beside the certificate's so that the
    /// document keeps <see cref="CertificateVerification"/> as the 200 verifiers rely on, and the description names it.
    /// </remarks>
    public static async Task<Results<Ok<CertificateVerification>, JsonHttpResult<TrainingCertificateVerification>, ValidationProblem, ProblemHttpResult>> Verify(
        string certificateNumber, VerificationQuery query, TrainingCertificatesQuery training, CancellationToken ct)
    {
        if (TrainingCertificateNumber.TryParse(certificateNumber, out var trainingNumber))
            return await training.FindAsync(trainingNumber, ct) is { } certificate
                ? TypedResults.Json(certificate)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown training certificate",
                    detail: $"No training certificate numbered {trainingNumber} has been issued.");

        if (!CertificateNumber.TryParse(certificateNumber, out var number, out var error))
            return new FieldErrors().Add("certificateNumber", CertificateNumber.Refusal(certificateNumber, error))
                .Problem(error == CertificateNumberError.BadCheckCharacter ? "Bad check character." : "Malformed certificate number.");

        return await query.FindAsync(number, ct) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown certificate",
                detail: $"No certificate numbered {number} has been issued.");
    }
}

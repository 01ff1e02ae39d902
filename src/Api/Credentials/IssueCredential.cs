using Ledger.Api.Pages.Printing;
using Ledger.Api.Problems;
using Ledger.Certifications;
using Ledger.PersonalData;
using Ledger.Projections.Credentials;
using Marten;

namespace Ledger.Api.Credentials;

/// <summary>
/// <c>GET /api/credentials/{certificateNumber}</c> (registrars): the certificate as an Open Badges 3.0 credential
/// (<see cref="AchievementCredential"/>), signed with the issuer's current key as a compact JWS, <c>application/vc+jwt</c>.
/// Unnamed unless <c>?named=true</c>; none for a certificate that was revoked or has expired.
/// </summary>
public static class IssueCredential
{
    public static async Task<IResult> Issue(
        string certificateNumber, bool? named, HttpContext http, IConfiguration configuration, IssuerKeys keys, CredentialStatusQuery status,
        IQuerySession session, PersonalDataProtector protector, TimeProvider time, CancellationToken ct)
    {
        if (!CertificateNumber.TryParse(certificateNumber, out var number, out _))
            return new FieldErrors().Add("certificateNumber", CertificateNumber.Refusal(certificateNumber, CertificateNumberError.Malformed))
                .Problem("Malformed certificate number.");
        if (keys.Current is not { CanSign: true } key)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No issuer key",
                detail: keys.Problem ?? $"The configured issuer key only verifies: set {IssuerKeys.Key} or {IssuerKeys.KeyFile} to a private key.");

        if (await new PrintableCertificateQuery(session, protector).FindAsync(number, ct) is not { } certificate)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown certificate",
                detail: $"No certificate numbered {number} has been issued.");
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(AchievementCredential.Jakarta).DateTime);
        if (certificate.Status == CertificateStatus.Revoked || certificate.Status == CertificateStatus.Expired || certificate.ValidUntil < today)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not in force",
                detail: $"Certificate {number} is {(certificate.Status == CertificateStatus.Revoked ? "revoked" : "expired")}: no credential is issued for it.");
        if (named == true && certificate.HolderName is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Personal data erased",
                detail: $"The holder's personal data of certificate {number} was erased: only an unnamed credential can be issued.");

        if (await status.EntryAsync(certificate.Number, ct) is not { } entry)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown certificate",
                detail: $"No certificate numbered {number} is in the verification view.");
        var issuer = IssuerIdentity.For(http, configuration);
        var credential = AchievementCredential.Build(certificate, entry, issuer, named == true ? certificate.HolderName : null);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(CompactJws.Sign(credential, key, issuer.KeyId(key)), CompactJws.MediaType);
    }
}

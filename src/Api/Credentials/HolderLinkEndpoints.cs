using Ledger.Api.Pages.Printing;
using Ledger.Api.Problems;
using Ledger.Certifications;
using Ledger.PersonalData;
using Ledger.Projections.Credentials;
using Marten;

namespace Ledger.Api.Credentials;

/// <summary>A link to hand to a certificate's holder, and when it stops opening.</summary>
public sealed record HolderLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /api/credentials/{certificateNumber}/holder-link</c> (registrars): a link the holder opens to download their
/// unnamed credential (<c>?days=</c> 1 to 30, default 7); <c>GET /api/credentials/holder/{certificateNumber}</c>: that
/// download, for whoever holds a link that is still valid (<see cref="HolderLinks"/>).
/// </summary>
public static class HolderLinkEndpoints
{
    public static async Task<IResult> Create(
        string certificateNumber, int? days, HttpContext http, IConfiguration configuration, HolderLinks links,
        IQuerySession session, PersonalDataProtector protector, TimeProvider time, CancellationToken ct)
    {
        var lifetime = days is { } d ? TimeSpan.FromDays(d) : HolderLinks.DefaultLifetime;
        var errors = new FieldErrors()
            .Check("certificateNumber", CertificateNumber.TryParse(certificateNumber, out var number, out _),
                CertificateNumber.Refusal(certificateNumber, CertificateNumberError.Malformed))
            .Check("days", lifetime > TimeSpan.Zero && lifetime <= HolderLinks.LongestLifetime,
                $"A link lasts 1 to {HolderLinks.LongestLifetime.TotalDays:0} days.");
        if (errors.Any) return errors.Problem();
        if (await new PrintableCertificateQuery(session, protector).FindAsync(number!, ct) is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown certificate",
                detail: $"No certificate numbered {number} has been issued.");

        var expires = time.GetUtcNow().Add(lifetime);
        var baseUrl = IssuerIdentity.For(http, configuration).BaseUrl;
        return TypedResults.Ok(new HolderLink(baseUrl + links.PathFor(number!, expires), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds())));
    }

    public static async Task<IResult> Download(
        string certificateNumber, long? expires, string? signature, HttpContext http, IConfiguration configuration, HolderLinks links,
        IssuerKeys keys, CredentialStatusQuery status, IQuerySession session, PersonalDataProtector protector, TimeProvider time, CancellationToken ct)
    {
        if (!CertificateNumber.TryParse(certificateNumber, out var number, out _) || expires is not { } until || !links.Opens(number, until, signature))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Link not valid",
                detail: "This download link is not valid or has expired: ask the registrar who issued the certificate for a new one.");
        return await IssueCredential.Issue(certificateNumber, named: false, http, configuration, keys, status, session, protector, time, ct);
    }
}

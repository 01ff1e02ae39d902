using Ledger.Api.Auth;
using Ledger.Api.Credentials;
using Ledger.Api.Pages.SigningIn;
using Ledger.PersonalData;
using Ledger.Projections.Credentials;
using Marten;

namespace Ledger.Api.Pages.Printing;

/// <summary>
/// <c>/certificates/{number}/credential</c> (registrars, signed in to the pages): the certificate's credential as a file
/// to hand to its holder, the same unnamed credential <c>GET /api/credentials/{number}</c> answers, linked from the
/// printable certificate.
/// </summary>
public static class CredentialDownload
{
    public static string PathFor(string number) => $"/certificates/{Uri.EscapeDataString(number)}/credential";

    public static async Task<IResult> Download(
        string number, HttpContext http, IConfiguration configuration, IssuerKeys keys, CredentialStatusQuery status,
        IQuerySession session, PersonalDataProtector protector, TimeProvider time, CancellationToken ct)
    {
        if (await PageSession.RequireAsync(http, LedgerRoles.Registrar) is { } refused) return refused;
        var result = await IssueCredential.Issue(number, false, http, configuration, keys, status, session, protector, time, ct);
        if (result is IContentTypeHttpResult { ContentType: CompactJws.MediaType })
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{number.Trim()}.jwt\"";
        return result;
    }
}

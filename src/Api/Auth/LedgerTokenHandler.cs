using System.Text.Encodings.Web;
using Ledger.Api.Pages.SigningIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;jwt&gt;</c> with <see cref="LedgerTokens"/>; for page navigation (GET on the
/// pages that need a role, see <see cref="PageSession.AcceptsCookie"/>) also the token kept in the sign-in cookie.
/// </summary>
public sealed class LedgerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    LedgerTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        if (!string.IsNullOrEmpty(header))
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return Task.FromResult(AuthenticateResult.NoResult());
            token = header["Bearer ".Length..].Trim();
        }
        else if (PageSession.AcceptsCookie(Request) && Request.Cookies[PageSession.CookieName] is { Length: > 0 } cookie)
            token = cookie;
        else
            return Task.FromResult(AuthenticateResult.NoResult());

        var (principal, failure) = tokens.Validate(token, SchemeName);
        if (principal is null)
        {
            Logger.LogInformation("Bearer token refused: {Reason}", failure);
            return Task.FromResult(AuthenticateResult.Fail(failure!));
        }
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }
}

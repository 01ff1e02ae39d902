using System.Security.Claims;
using Ledger.Api.Auth;
using Ledger.Api.Pages.Html;
using Microsoft.AspNetCore.Authentication;

namespace Ledger.Api.Pages.SigningIn;

/// <summary>
/// The cookie that carries a pasted token for page navigation (browsers send no bearer header when following a
/// link), and the role check of a page: no token leads to <c>/signin</c>, a wrong role to a 403 page.
/// </summary>
public static class PageSession
{
    public const string CookieName = "ledger_token";

    /// <summary>
    /// Where the cookie is accepted: GET and HEAD only, on the pages that need a role (the dashboard and its CSV
    /// downloads, the printable certificate). Never on the API, which takes bearer tokens only, and never on a write,
    /// so a cross-site request can never act or read with it.
    /// </summary>
    public static bool AcceptsCookie(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.StartsWithSegments("/dashboard") || request.Path.StartsWithSegments("/certificates"));

    /// <summary>Null when the signed-in user has <paramref name="role"/>; otherwise the redirect or the 403 page.</summary>
    public static async Task<IResult?> RequireAsync(HttpContext http, string role)
    {
        // Pages are anonymous endpoints, which authenticate nobody on their own: the page reads its token here.
        var user = (await http.AuthenticateAsync(LedgerTokenHandler.SchemeName)).Principal ?? http.User;
        if (user.Identity?.IsAuthenticated != true)
            return TypedResults.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
        if (user.IsInRole(role)) return null;
        var html = PageLayout.Render("en", "Not allowed", w => w
            .Element("h1", "Not allowed")
            .Open("p").Text($"You are signed in as {user.FindFirstValue(ClaimTypes.Name)} ({user.FindFirstValue(ClaimTypes.Role)}); this page is for the {role} role. ")
            .Element("a", "Sign in with another token", ("href", "/signin")).Close("p"));
        return PageLayout.Page(html, StatusCodes.Status403Forbidden);
    }
}

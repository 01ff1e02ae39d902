using Ledger.Api.Auth;
using Ledger.Api.Pages.Html;

namespace Ledger.Api.Pages.SigningIn;

/// <summary>
/// <c>/signin</c>: a person pastes a token (from <c>ops/run token &lt;role&gt;</c>); a valid one is kept in an HttpOnly,
/// SameSite=Strict cookie for the pages. <c>/signout</c> removes it.
/// </summary>
public static class SignInPage
{
    public static IResult Show(string? returnUrl, HttpContext http) => Form(SafeReturn(returnUrl), null, http.Request.IsHttps);

    public static async Task<IResult> SignIn(HttpContext http, LedgerTokens tokens)
    {
        if (FromAnotherSite(http.Request))
            return PageLayout.Page(PageLayout.Render("en", "Not allowed", w => w.Element("h1", "Sign-in from another site refused")), StatusCodes.Status403Forbidden);
        if (!http.Request.HasFormContentType) return Form("/", "Paste a token.", http.Request.IsHttps, StatusCodes.Status400BadRequest);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var token = form["token"].ToString().Trim();
        var returnUrl = SafeReturn(form["returnUrl"].ToString());
        var (principal, failure) = tokens.Validate(token, LedgerTokenHandler.SchemeName);
        if (principal is null) return Form(returnUrl, failure ?? "The token was refused.", http.Request.IsHttps, StatusCodes.Status400BadRequest);

        http.Response.Cookies.Append(PageSession.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        return TypedResults.Redirect(returnUrl);
    }

    public static IResult SignOut(HttpContext http)
    {
        http.Response.Cookies.Delete(PageSession.CookieName, new CookieOptions { Path = "/" });
        return TypedResults.Redirect("/signin");
    }

    /// <summary>
    /// A sign-in posted from another site would sign the browser in as someone else; only our own form counts. The
    /// pages send no referrer, so a same-origin post may carry <c>Origin: null</c>; Sec-Fetch-Site tells them apart.
    /// </summary>
    static bool FromAnotherSite(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
            return site is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        return origin is { Length: > 0 } and not "null"
               && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Only a local path: never an open redirect to another site.</summary>
    static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/dashboard";

    static IResult Form(string returnUrl, string? error, bool https, int status = StatusCodes.Status200OK) =>
        PageLayout.Page(PageLayout.Render("en", "Sign in", w =>
        {
            w.Element("h1", "Sign in");
            w.Element("p", "Paste the token you were given (ops/run token registrar or ops/run token analyst). It is kept in this browser only, for these pages.");
            if (error is not null) w.Element("p", error, ("class", "error"), ("role", "alert"));
            w.Open("form", ("method", "post"), ("action", "/signin"), ("class", "stack"))
                .Element("input", null, ("type", "hidden"), ("name", "returnUrl"), ("value", returnUrl))
                .Element("label", "Token", ("for", "token"))
                .Element("textarea", null, ("id", "token"), ("name", "token"), ("rows", 4), ("required", true), ("autocomplete", "off"))
                .Element("button", "Sign in", ("type", "submit"))
                .Close("form");
            if (!https) w.Element("p", "This connection is not encrypted; use it on a trusted network only.", ("class", "note"));
        }), status);
}

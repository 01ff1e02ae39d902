namespace Ledger.Api.Pages;

/// <summary>
/// The headers every page answers with. The pages run no script at all (everything is drawn on the server), so the
/// Content-Security-Policy allows none, nor anything from elsewhere: the app's own stylesheet and images, forms posted
/// to the app, no frame around a page (<c>frame-ancestors 'none'</c>, and <c>X-Frame-Options</c> for older browsers),
/// no guessing of content types, and no Referer sent on leaving (a certificate number is in the path).
/// </summary>
public static class PageSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Adds the headers to every answer of the pages in <paramref name="pages"/>, whatever the page returns.</summary>
    public static RouteGroupBuilder WithPageSecurityHeaders(this RouteGroupBuilder pages)
    {
        pages.AddEndpointFilter(async (context, next) =>
        {
            Apply(context.HttpContext.Response, ContentSecurityPolicy);
            return await next(context);
        });
        return pages;
    }

    /// <summary>Sets <paramref name="contentSecurityPolicy"/> and the other headers on <paramref name="response"/>.</summary>
    public static void Apply(HttpResponse response, string contentSecurityPolicy)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}

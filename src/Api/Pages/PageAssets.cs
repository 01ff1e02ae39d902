namespace Ledger.Api.Pages;

/// <summary>The pages' one stylesheet, embedded in the assembly and served by the app (no CDN).</summary>
public static class PageAssets
{
    public const string StylesheetPath = "/pages/site.css";

    static readonly Lazy<string> Stylesheet = new(() =>
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("Ledger.Api.Pages.site.css")
            ?? throw new InvalidOperationException("The pages' stylesheet is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IResult Css(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Text(Stylesheet.Value, "text/css; charset=utf-8");
    }
}

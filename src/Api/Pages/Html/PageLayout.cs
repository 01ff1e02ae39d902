namespace Ledger.Api.Pages.Html;

/// <summary>The frame every page shares: the viewport for phones, the app's own stylesheet and nothing from elsewhere.</summary>
public static class PageLayout
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    public static string Render(string lang, string title, Action<HtmlWriter> body, string? bodyClass = null, Action<HtmlWriter>? nav = null)
    {
        var w = new HtmlWriter().Trusted("<!DOCTYPE html>");
        w.Open("html", ("lang", lang)).Open("head")
            .Element("meta", null, ("charset", "utf-8"))
            .Element("meta", null, ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Element("meta", null, ("name", "referrer"), ("content", "no-referrer"))
            .Element("title", title)
            .Element("link", null, ("rel", "stylesheet"), ("href", PageAssets.StylesheetPath))
            .Close("head")
            .Open("body", ("class", bodyClass));
        w.Open("header", ("class", "site")).Element("a", "Ledger Sertifikasi Batik", ("href", "/check"), ("class", "brand"));
        nav?.Invoke(w);
        w.Close("header").Open("main");
        body(w);
        w.Close("main").Close("body").Close("html");
        return w.ToString();
    }

    public static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, HtmlContentType, System.Text.Encoding.UTF8, status);
}

namespace Ledger.Api.OpenApi;

/// <summary>A page to browse and try the API, served by the host from its own assembly (no CDN).</summary>
public static class ApiBrowser
{
    const string Resource = "Ledger.Api.OpenApi.browser.html";

    static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(ApiBrowser).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The resource {Resource} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapApiBrowser(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/docs", () => TypedResults.Bytes(Page.Value, "text/html; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/openapi", () => TypedResults.Redirect("/docs")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

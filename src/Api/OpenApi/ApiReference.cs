using Ledger.Api.Pages;
using Scalar.AspNetCore;

namespace Ledger.Api.OpenApi;

/// <summary>
/// The OpenAPI document and Scalar's API reference over it at <c>/docs</c>, where a bearer token can be entered to try
/// each endpoint. The page loads its script, its styles and the document from this host alone: Scalar's fonts,
/// telemetry, AI agent and developer toolbar (whose buttons lead to Scalar's hosted services) are turned off, and its
/// answers carry <see cref="ContentSecurityPolicy"/> and the pages' other security headers.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    /// <summary>
    /// Scalar's page is a script application configured inline, so unlike the pages it runs script and inline style;
    /// everything else is held to this host: its script, its styles, the document, and the requests it tries (a token
    /// entered there goes nowhere else), no frame around it, no Referer on leaving.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(OpenApiConfiguration.DocumentRoute).AllowAnonymous();
        app.MapScalarApiReference(Path, options => options
                .WithTitle(OpenApiConfiguration.DocumentTitle)
                .WithOpenApiRoutePattern(OpenApiConfiguration.DocumentRoute)
                .AddPreferredSecuritySchemes(OpenApiConfiguration.BearerScheme)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .HideDeveloperTools())
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                PageSecurityHeaders.Apply(context.HttpContext.Response, ContentSecurityPolicy);
                return await next(context);
            });
        app.MapGet("/openapi", () => TypedResults.Redirect(Path + "/")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

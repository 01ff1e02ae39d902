using Scalar.AspNetCore;

namespace Ledger.Api.OpenApi;

/// <summary>
/// The OpenAPI document and Scalar's API reference over it at <c>/docs</c>, where a bearer token can be entered to try
/// each endpoint. The page loads its script, its styles and the document from this host alone: Scalar's fonts,
/// telemetry, AI agent and developer toolbar (whose buttons lead to Scalar's hosted services) are turned off.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

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
            .AllowAnonymous();
        app.MapGet("/openapi", () => TypedResults.Redirect(Path + "/")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

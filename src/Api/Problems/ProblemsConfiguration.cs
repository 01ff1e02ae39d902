using Ledger.Api.Http;
using Microsoft.AspNetCore.Http.Json;

namespace Ledger.Api.Problems;

/// <summary>Problem details (RFC 9457) for every error, whether an exception or a bare status code.</summary>
public static class ProblemsConfiguration
{
    public static IServiceCollection AddLedgerProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions["correlationId"] = c.HttpContext.CorrelationId();
            c.ProblemDetails.Extensions.Remove("exception");
            WolverineBodyProblems.Sanitize(c.ProblemDetails);
        });
        services.AddExceptionHandler<LedgerExceptionHandler>();
        // Malformed bodies and wrong parameter types become exceptions the handler answers (400), in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.AllowTrailingCommas = false);
        return services;
    }

    /// <summary>The exception handler, then problem details for empty 4xx/5xx answers (401, 403, 404, 405, 415...).</summary>
    public static IApplicationBuilder UseLedgerProblems(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

using Ledger.Api.Auth;
using Ledger.Api.Health;
using Ledger.Api.Http;
using Ledger.Api.Idempotency;
using Ledger.Api.OpenApi;
using Ledger.Api.Pages;
using Ledger.Api.Problems;

namespace Ledger.Api.Hosting;

/// <summary>The host's services, middleware and endpoints, in the order they must run.</summary>
public static class LedgerApiHosting
{
    public static WebApplicationBuilder AddLedgerApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.Logging.ClearProviders();
        // Framework chatter stays out of the log by default, wherever the host finds (or misses) its appsettings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The hosting layer logs nothing above Information, yet while its category is enabled at all it starts an
        // activity and a logging scope for every request. The correlation scope carries the id and the path instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // Structured logs with the correlation id scope; JSON outside development.
        if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        else
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);

        // Before the ledger's own services, so that the settings are checked and the schema migrated before any of them starts.
        services.AddHostedService<LedgerStartup>();
        services.AddLedger(configuration).AddReadSide(configuration);
        services.AddLedgerAuth(configuration);
        services.AddLedgerProblems();
        services.AddLedgerRateLimits(configuration);
        services.AddLedgerOpenApi();
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section));
        services.AddSingleton<IdempotencyKeys>();
        services.AddHostedService<CheckpointService>();
        services.AddSingleton<ExpiryService>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryService>());
        return builder;
    }

    /// <summary>
    /// Correlation first (so every answer carries it), then problem details around everything else,
    /// the body limit, authentication and authorization, rate limits.
    /// </summary>
    public static WebApplication UseLedgerApi(this WebApplication app)
    {
        app.UseCorrelation();
        app.UseStreamVersionETags();
        app.UseLedgerProblems();
        app.UseRequestSizeLimit(app.Configuration.GetValue("Ledger:MaxRequestBodyBytes", RequestSizeLimit.DefaultMaxBytes));
        app.UseIdempotencyBuffering();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Health, the OpenAPI document and its API reference, and the four user groups.</summary>
    public static WebApplication MapLedgerEndpoints(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapApiReference();
        app.MapLedgerApi();
        app.MapLedgerPages();
        return app;
    }
}

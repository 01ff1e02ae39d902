using Ledger.Api.Auth;
using Ledger.Api.Credentials;
using Ledger.Api.Health;
using Ledger.Api.Http;
using Ledger.Api.Integrity;
using Ledger.Api.OpenApi;
using Ledger.Api.Pages;
using Ledger.Api.Problems;
using Ledger.Api.Registry;
using Wolverine;
using Wolverine.Http;

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
        // Wolverine logs a request body it cannot read as an error under the body's type; the caller gets its 400 and the
        // server did nothing wrong. Those categories alone, the registry's request records, log only what is critical.
        foreach (var request in RegistryConventions.RequestTypes) builder.Logging.AddFilter(request.FullName, LogLevel.Critical);
        // Structured logs with the correlation id scope: JSON lines, or a console for people (LedgerLogging).
        builder.Logging.AddLedgerConsole(builder.Configuration, builder.Environment);

        // Before the ledger's own services, so that the settings are checked and the schema migrated before any of them starts.
        services.AddHostedService<LedgerStartup>();
        // Nodes of one ledger elect a leader among them (in the ledger's schema), which gives each of Wolverine's agents,
        // the checkpoint schedule among them, to one node; every node polls the scheduled messages, which run once.
        services.AddLedger(configuration, wolverine =>
        {
            wolverine.Durability.Mode = DurabilityMode.Balanced;
            wolverine.AddCheckpointSchedule(configuration);
        }).AddReadSide(configuration);
        services.AddLedgerAuth(configuration);
        services.AddLedgerProblems();
        services.AddSingleton<VerificationBudget>();
        services.AddLedgerRequestLimits();
        services.AddCredentials(configuration);
        services.AddLedgerOpenApi();
        services.AddHttpContextAccessor();
        services.AddWolverineHttp();
        services.AddSingleton<SchemaCheck>();
        services.AddSingleton<ExpiryCatchUp>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryCatchUp>());
        builder.AddLedgerTelemetry();
        return builder;
    }

    /// <summary>
    /// The request error counter when telemetry is on (outermost, so it counts the status the client gets), correlation
    /// (so every answer carries it), then problem details around everything else, the limits on the target, headers and
    /// body, authentication and authorization, and last the refusal of text PostgreSQL cannot store, for the requests
    /// that got that far. The public lookup's budget is an endpoint filter of its own (<see cref="VerificationBudget"/>).
    /// </summary>
    public static WebApplication UseLedgerApi(this WebApplication app)
    {
        app.UseLedgerTelemetry();
        app.UseCorrelation();
        app.UseStreamVersionETags();
        app.UseLedgerProblems();
        app.UseRequestLimits();
        app.UseRequestSizeLimit(app.Configuration.GetValue("Ledger:MaxRequestBodyBytes", RequestSizeLimit.DefaultMaxBytes));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseStorableTextFilter();
        return app;
    }

    /// <summary>Health, the OpenAPI document and its API reference, the four user groups and the credentials.</summary>
    public static WebApplication MapLedgerEndpoints(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapApiReference();
        app.MapLedgerApi();
        app.MapCredentialsApi();
        app.MapWolverineEndpoints(options => RegistryConventions.Apply(options, app.Services));
        app.MapLedgerPages();
        return app;
    }
}

using Ledger.Api.Telemetry;
using Marten;
using JasperFx.OpenTelemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ledger.Api.Hosting;

/// <summary>
/// OpenTelemetry for the host: traces and metrics from ASP.NET Core, Npgsql, Marten (its connections, the events it
/// appends, the events a fetch for writing folds, its daemon's progress) and Wolverine, with the ledger's own
/// (<see cref="LedgerMetrics"/>, <see cref="ProjectionLag"/>), exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter reads the other standard <c>OTEL_*</c> variables (protocol,
/// headers, per-signal endpoints, the export interval). With no endpoint (or <c>OTEL_SDK_DISABLED=true</c>) nothing
/// of it is registered: no provider, no listener, no exporter, and the libraries' instruments stay unobserved.
/// <c>Ledger:Telemetry:Enabled=true</c> turns the instrumentation on without an endpoint, for an exporter added in
/// process (the tests' in-memory one).
/// </summary>
public static class LedgerTelemetry
{
    /// <summary>The service name in every span and metric's resource, unless <c>OTEL_SERVICE_NAME</c> names another.</summary>
    public const string ServiceName = "batik-ledger";

    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string EnabledSetting = "Ledger:Telemetry:Enabled";

    /// <summary>The activity sources traced besides ASP.NET Core's and Npgsql's.</summary>
    static readonly string[] Sources = ["Marten", "Wolverine"];

    /// <summary>
    /// The meters collected besides ASP.NET Core's and Npgsql's: the ledger's, Marten's (its daemon's among them),
    /// Wolverine's (named <c>Wolverine:</c> and the service's name, <c>Wolverine:Ledger.Api</c>) and the .NET runtime's.
    /// </summary>
    static readonly string[] Meters = [LedgerMetrics.MeterName, "Marten", "Wolverine*", "System.Runtime"];

    /// <summary>
    /// Whether the host is instrumented at all: <see cref="EnabledSetting"/> when set, else whether an OTLP endpoint is;
    /// never when <c>OTEL_SDK_DISABLED=true</c>.
    /// </summary>
    public static bool IsOn(IConfiguration configuration) =>
        !Disabled(configuration) && (configuration.GetValue<bool?>(EnabledSetting) ?? HasEndpoint(configuration));

    /// <summary>Whether what the host measures is exported over OTLP: it is instrumented and an endpoint is set.</summary>
    public static bool Exports(IConfiguration configuration) => IsOn(configuration) && HasEndpoint(configuration);

    static bool HasEndpoint(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);

    static bool Disabled(IConfiguration configuration) => configuration.GetValue("OTEL_SDK_DISABLED", false);

    public static WebApplicationBuilder AddLedgerTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!IsOn(configuration)) return builder;

        var services = builder.Services;
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<AppendLatency>();
        services.AddSingleton<ProjectionLag>();
        services.ConfigureMarten((sp, marten) =>
        {
            marten.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            marten.OpenTelemetry.TrackEventCounters();
            marten.OpenTelemetry.TrackFetchForWritingMetrics();
            marten.Listeners.Add(sp.GetRequiredService<AppendLatency>());
        });

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"])) resource.AddService(ServiceName);
            })
            .WithTracing(tracing =>
            {
                Traces(tracing);
                // OTEL_TRACES_SAMPLER, when set, chooses instead (and background polls are traced again).
                if (string.IsNullOrWhiteSpace(configuration["OTEL_TRACES_SAMPLER"])) tracing.SetSampler(WorkOnlySampler.ParentBased());
            })
            .WithMetrics(Metrics);
        if (Exports(configuration))
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter()).WithMetrics(metrics => metrics.AddOtlpExporter());
        return builder;
    }

    /// <summary>The request error counter, outermost, when the host is instrumented.</summary>
    public static IApplicationBuilder UseLedgerTelemetry(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<LedgerMetrics>() is null ? app : app.UseRequestErrorMetrics();

    /// <summary>
    /// Requests (but health probes, which a load balancer sends every few seconds), the database commands they run,
    /// Marten's sessions and daemon pages, Wolverine's messages.
    /// </summary>
    static void Traces(TracerProviderBuilder tracing) => tracing
        .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
        .AddNpgsql()
        .AddSource(Sources);

    static void Metrics(MeterProviderBuilder metrics) => metrics
        .AddAspNetCoreInstrumentation()
        .AddNpgsqlInstrumentation()
        .AddMeter(Meters)
        .AddInstrumentation(sp => sp.GetRequiredService<ProjectionLag>());
}

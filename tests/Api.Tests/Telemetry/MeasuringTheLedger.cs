using System.Net;
using Alba;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Registry;
using Ledger.Projections;
using OpenTelemetry.Metrics;

namespace Ledger.Api.Tests.Telemetry;

/// <summary>What a metrics scrape shows after requests: the request rate, the errors, append latency, projection lag.</summary>
public sealed class MeasuringTheLedger(TelemetryApiFactory api) : IClassFixture<TelemetryApiFactory>
{
    [Fact]
    public async Task an_append_a_refused_request_and_the_read_models_lag_show_in_the_metrics()
    {
        await new RegistryScenario(api).RegisterArtisanAsync();
        await api.Host.Scenario(x =>
        {
            x.Get.Url("/api/audit/integrity");
            x.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });

        var metrics = api.Metrics();

        var appends = Named(metrics, "ledger.append.duration");
        appends.MetricType.ShouldBe(MetricType.Histogram);
        appends.MetricPoints.Sum(p => p.GetHistogramCount()).ShouldBeGreaterThanOrEqualTo(1);

        Named(metrics, "ledger.http.errors").MetricPoints.ShouldContain(p =>
            Tag(p, "http.response.status_code") as int? == 401
            && Tag(p, "http.route") as string == "/api/audit/integrity"
            && p.GetSumLong() >= 1);

        var lag = Named(metrics, "ledger.projection.lag");
        lag.MetricPoints.Select(p => Tag(p, "read_model")).ShouldBe(LedgerReadModels.Names, ignoreOrder: true);
        lag.MetricPoints.ShouldAllBe(p => p.GetGaugeLastValueLong() >= 0);

        // The libraries' own: requests by route and status, events appended, database commands, handlers.
        Named(metrics, "http.server.request.duration").MetricPoints.ShouldContain(p => Tag(p, "http.response.status_code") as int? == 201);
        Named(metrics, "marten.event.append").MetricPoints.ShouldContain(p => p.GetSumLong() >= 1);
        Named(metrics, "db.client.operation.duration").MetricPoints.ShouldNotBeEmpty();
        Named(metrics, "wolverine-execution-time").MetricPoints.ShouldNotBeEmpty();
    }

    static MetricSnapshot Named(IEnumerable<MetricSnapshot> metrics, string name) =>
        metrics.FirstOrDefault(m => m.Name == name) ?? throw new ShouldAssertException($"no metric {name}; exported: {string.Join(", ", metrics.Select(m => m.Name).Distinct().Order())}");

    static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value;
        return null;
    }
}

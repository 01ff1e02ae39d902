using System.Diagnostics;
using System.Net;
using Alba;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Registry;

namespace Ledger.Api.Tests.Telemetry;

/// <summary>A request's trace, from the HTTP server span through Wolverine and Marten to the database.</summary>
public sealed class TracingARequest(TelemetryApiFactory api) : IClassFixture<TelemetryApiFactory>
{
    [Fact]
    public async Task a_registration_is_one_trace_from_the_server_span_down_to_its_database_commands()
    {
        var traceId = ActivityTraceId.CreateRandom();
        await api.Host.Scenario(x =>
        {
            x.Post.Json(RegistryScenario.Artisan()).ToUrl("/api/registry/artisans");
            x.WithBearerToken(api.Token(LedgerRoles.Registrar));
            x.WithRequestHeader("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });

        var spans = await api.SpansOfAsync(traceId, IsServerSpan);
        var server = spans.Where(IsServerSpan).ShouldHaveSingleItem();
        server.GetTagItem("http.route").ShouldBe("/api/registry/artisans");
        server.GetTagItem("http.response.status_code").ShouldBe(201);

        var below = spans.Where(s => Descends(s, server, spans)).ToList();
        below.ShouldContain(s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client, "no database command under the request");
        below.ShouldContain(s => s.Source.Name == "Marten", "no Marten session under the request");
        below.ShouldContain(s => s.Source.Name == "Wolverine", "no Wolverine handler under the request");
    }

    [Fact]
    public async Task health_probes_are_not_traced()
    {
        var traceId = ActivityTraceId.CreateRandom();
        await api.Host.Scenario(x =>
        {
            x.Get.Url("/health/ready");
            x.WithRequestHeader("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        });

        // The registration's trace, sent after, is exported by the time the probe's would have been.
        var after = ActivityTraceId.CreateRandom();
        await api.Host.Scenario(x =>
        {
            x.Get.Url("/api/verify/LSPBATIK-2026-000001-8");
            x.WithRequestHeader("traceparent", $"00-{after}-{ActivitySpanId.CreateRandom()}-01");
            x.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
        (await api.SpansOfAsync(after, IsServerSpan)).Where(IsServerSpan).ShouldNotBeEmpty();

        api.Spans.Where(s => s.TraceId == traceId).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_idle_host_starts_no_trace_of_its_background_polls()
    {
        // Marten's daemon polls its high-water mark and Wolverine its stored messages about every second.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var roots = api.Spans.Where(s => s.ParentSpanId == default).ToList();
        roots.ShouldNotContain(s => s.Kind == ActivityKind.Client, "a database command outside any work started a trace");
        roots.ShouldNotContain(s => s.DisplayName == "marten.daemon.highwatermark");
    }

    static bool IsServerSpan(Activity span) => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore";

    static bool Descends(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpanId = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; bySpanId.TryGetValue(parent, out var up); parent = up.ParentSpanId)
            if (up.SpanId == ancestor.SpanId) return true;
        return false;
    }
}

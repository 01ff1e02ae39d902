using System.Collections.Concurrent;
using System.Diagnostics;
using Ledger.Api.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ledger.Api.Tests.Telemetry;

/// <summary>
/// The host with its telemetry on (<see cref="LedgerTelemetry.EnabledSetting"/>) and no OTLP endpoint, exporting in
/// process: every finished span into <see cref="Spans"/>, metrics into <see cref="Metrics"/> when flushed.
/// </summary>
public sealed class TelemetryApiFactory : LedgerApiFactory
{
    /// <summary>
    /// Every span the process finished while this host ran. Listeners are process-wide, so other hosts' spans land here
    /// too: a test picks its own by trace id.
    /// </summary>
    public ConcurrentQueue<Activity> Spans { get; } = new();

    readonly List<MetricSnapshot> metrics = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(LedgerTelemetry.EnabledSetting, "true");
        builder.ConfigureTestServices(services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new SpanQueue(Spans))))
            .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)));
    }

    /// <summary>Collects every instrument now and returns what was exported, newest collection only.</summary>
    public IReadOnlyList<MetricSnapshot> Metrics()
    {
        lock (metrics)
        {
            metrics.Clear();
            Services.GetRequiredService<MeterProvider>().ForceFlush();
            return metrics.ToList();
        }
    }

    /// <summary>The spans of <paramref name="traceId"/>, once one of them satisfies <paramref name="until"/> (or after 10 s).</summary>
    public async Task<IReadOnlyList<Activity>> SpansOfAsync(ActivityTraceId traceId, Func<Activity, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var spans = Spans.Where(s => s.TraceId == traceId).ToList();
            if (spans.Any(until) || DateTime.UtcNow > deadline) return spans;
            await Task.Delay(50);
        }
    }

    /// <summary>An exporter into a queue that stays readable while other threads add to it.</summary>
    sealed class SpanQueue(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch) spans.Enqueue(span);
            return ExportResult.Success;
        }
    }
}

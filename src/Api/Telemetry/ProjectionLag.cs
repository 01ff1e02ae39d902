using System.Diagnostics.Metrics;
using Ledger.Projections.ReadModels;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;

namespace Ledger.Api.Telemetry;

/// <summary>
/// <c>ledger.projection.lag</c>: how many events each async read model is behind Marten's high-water mark, as recorded
/// in the database (the readiness check's figure), so every node reports it, whether or not it leads the daemon, and
/// a read model that stopped shows a lag that grows. Read when a metrics pipeline collects, at most once per
/// <see cref="Refresh"/>; nothing is read while nobody collects.
/// </summary>
public sealed class ProjectionLag
{
    /// <summary>How old a reading may be before a collection reads the database again.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    /// <summary>How long a collection waits for a fresh reading before it reports the previous one.</summary>
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    readonly ReadModelStatusQuery status;
    readonly TimeProvider time;
    readonly IServiceProvider services;
    readonly ILogger<ProjectionLag> logger;
    readonly Lock gate = new();
    Task? reading;
    Measurement<long>[] last = [];
    DateTimeOffset readAt = DateTimeOffset.MinValue;

    public ProjectionLag(IMeterFactory meters, ReadModelStatusQuery status, TimeProvider time, IServiceProvider services, ILogger<ProjectionLag> logger)
    {
        this.status = status;
        this.time = time;
        this.services = services;
        this.logger = logger;
        meters.Create(LedgerMetrics.MeterName).CreateObservableGauge(
            "ledger.projection.lag", Observe, "{event}",
            "Events an async read model is behind Marten's high-water mark, by read model.");
    }

    IEnumerable<Measurement<long>> Observe()
    {
        Task pending;
        lock (gate)
        {
            if (time.GetUtcNow() - readAt < Refresh) return last;
            pending = reading ??= Task.Run(ReadAsync);
        }
        pending.Wait(Wait);
        return last;
    }

    async Task ReadAsync()
    {
        try
        {
            // The daemon of this node, when it leads: its own positions are fresher than the ones it has recorded.
            var local = services.GetService<IProjectionCoordinator>()?.DaemonForMainDatabase();
            using var timeout = new CancellationTokenSource(Refresh);
            var side = await status.ReadAsync(local, timeout.Token).ConfigureAwait(false);
            last = side.ReadModels
                .Select(m => new Measurement<long>(Math.Max(0, side.HighWaterMark - m.Sequence), new KeyValuePair<string, object?>("read_model", m.Name)))
                .ToArray();
        }
        catch (Exception e)
        {
            // The readiness check reports an unreachable database; the gauge keeps its previous reading meanwhile.
            logger.LogDebug(e, "Could not read the read models' progress");
        }
        finally
        {
            lock (gate)
            {
                readAt = time.GetUtcNow();
                reading = null;
            }
        }
    }
}

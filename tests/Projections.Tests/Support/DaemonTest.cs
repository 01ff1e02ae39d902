using Ledger.Projections.Daemon;
using Ledger.Store;
using Ledger.Testing;

namespace Projections.Tests.Support;

/// <summary>A store test that runs projection daemons over its schema, fast-polling, and stops them at the end.</summary>
public abstract class DaemonTest : StoreTest
{
    readonly List<ProjectionDaemon> daemons = [];

    protected override EventTypeRegistry CreateRegistry() => Tally.Registry();

    protected static ProjectionDaemonOptions FastOptions(bool stopOnError = false) => new()
    {
        BatchSize = 50,
        RebuildBatchSize = 500,
        PollInterval = TimeSpan.FromMilliseconds(50),
        LeadershipRetryInterval = TimeSpan.FromMilliseconds(250),
        StopOnError = stopOnError,
    };

    /// <summary>A daemon over <paramref name="store"/> (the test's own store by default), schema ensured, not started.</summary>
    protected async Task<ProjectionDaemon> DaemonAsync(IEnumerable<IAsyncProjection> projections, EventStore? store = null, ProjectionDaemonOptions? options = null)
    {
        var daemon = new ProjectionDaemon(store ?? Store, projections, options ?? FastOptions());
        await daemon.EnsureSchemaAsync();
        daemons.Add(daemon);
        return daemon;
    }

    protected async Task<ProjectionDaemon> StartDaemonAsync(IEnumerable<IAsyncProjection> projections, EventStore? store = null, ProjectionDaemonOptions? options = null)
    {
        var daemon = await DaemonAsync(projections, store, options);
        await daemon.StartAsync(CancellationToken.None);
        return daemon;
    }

    protected static async Task<ProjectionStatus> StatusOf(ProjectionDaemon daemon, string projection) =>
        (await daemon.GetStatusAsync()).Single(s => s.Name == projection);

    /// <summary>Waits until every event in the log is at or before the projection's checkpoint.</summary>
    protected async Task CaughtUpAsync(ProjectionDaemon daemon, string projection) =>
        await Eventually.HoldsAsync(async () =>
        {
            var checkpoint = (await StatusOf(daemon, projection)).Checkpoint;
            var behind = await TestDatabase.ScalarAsync<long>(
                $"select count(*) from \"{Schema}\".events where (tx_id, seq) > ($1::text::xid8, $2)",
                checkpoint.TransactionId.ToString(), checkpoint.Sequence);
            return behind == 0;
        }, $"{projection} to catch up with the log");

    protected Task<long> CountAsync(string table, string where = "true") =>
        TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".{table} where {where}");

    public override async Task DisposeAsync()
    {
        foreach (var daemon in daemons)
        {
            await daemon.StopAsync(CancellationToken.None);
            daemon.Dispose();
        }
        await base.DisposeAsync();
    }
}

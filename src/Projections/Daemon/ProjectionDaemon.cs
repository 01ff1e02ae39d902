using Ledger.Projections.Daemon.Operations;
using Ledger.Projections.Daemon.Schema;
using Ledger.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Projections.Daemon;

/// <summary>
/// The async projection daemon, hosted in every API process: each projection runs on the one node that
/// holds its leadership lock, follows the committed log from its checkpoint (never skipping a late
/// commit), and can be rebuilt into shadow tables and swapped in while readers keep reading.
/// </summary>
public sealed class ProjectionDaemon : BackgroundService
{
    readonly EventStore store;
    readonly ProjectionDaemonOptions options;
    readonly ILogger logger;
    readonly IReadOnlyList<ProjectionRunner> runners;

    public ProjectionDaemon(
        EventStore store,
        IEnumerable<IAsyncProjection> projections,
        ProjectionDaemonOptions? options = null,
        ILogger<ProjectionDaemon>? logger = null)
    {
        this.store = store.AddProjectionMigrations();
        this.options = options ?? new ProjectionDaemonOptions();
        this.logger = logger ?? NullLogger<ProjectionDaemon>.Instance;
        Projections = projections.ToList();
        var duplicate = Projections.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two projections are named '{duplicate.Key}'.");
        runners = Projections.Select(p => new ProjectionRunner(store, p, this.options, this.logger)).ToList();
    }

    public IReadOnlyList<IAsyncProjection> Projections { get; }

    /// <summary>Migrates the read side's tables and creates every projection's tables and checkpoint if missing.</summary>
    public async Task EnsureSchemaAsync(CancellationToken ct = default)
    {
        await store.MigrateAsync(ct).ConfigureAwait(false);
        await ProjectionCatalog.EnsureAsync(store, Projections, ct).ConfigureAwait(false);
    }

    /// <summary>Each projection's checkpoint against the head of the log, the time since it last advanced, and whether this node runs it.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> GetStatusAsync(CancellationToken ct = default)
    {
        var head = await store.HeadAsync(ct).ConfigureAwait(false);
        var rows = await Checkpoints.ReadAllAsync(store.DataSource, store.Schema.Quoted, ct).ConfigureAwait(false);
        var dead = await DeadLetterCountsAsync(ct).ConfigureAwait(false);
        return runners.Select(r =>
        {
            var row = rows.GetValueOrDefault(r.Projection.Name);
            return new ProjectionStatus(
                r.Projection.Name,
                row?.Position ?? LogPosition.Start,
                head,
                row?.EventsApplied ?? 0,
                dead.GetValueOrDefault(r.Projection.Name),
                row?.UpdatedAt ?? DateTimeOffset.MinValue,
                row?.SinceUpdated ?? TimeSpan.Zero,
                row?.RebuiltAt,
                r.IsLeader,
                r.State,
                r.Error);
        }).ToList();
    }

    /// <summary>
    /// Replays the whole log into shadow tables and swaps them in atomically; readers see the old rows until
    /// the swap. Works from any node, whether or not it runs the daemon or leads the projection.
    /// </summary>
    public Task<RebuildResult> RebuildAsync(string name, CancellationToken ct = default)
    {
        var projection = Projections.FirstOrDefault(p => p.Name == name)
            ?? throw new InvalidOperationException($"There is no async projection named '{name}'.");
        return new ProjectionRebuilder(store, options, logger).RebuildAsync(projection, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await EnsureSchemaAsync(stoppingToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The projection daemon cannot reach the database yet; retrying");
                await Task.Delay(options.LeadershipRetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        await Task.WhenAll(runners.Select(r => r.RunAsync(stoppingToken))).ConfigureAwait(false);
    }

    async Task<Dictionary<string, long>> DeadLetterCountsAsync(CancellationToken ct)
    {
        await using var command = store.DataSource.CreateCommand(
            $"select projection, count(*) from {store.Schema.Quoted}.projection_dead_letters group by projection");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}

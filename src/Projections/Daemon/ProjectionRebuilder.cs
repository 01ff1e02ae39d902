using System.Diagnostics;
using Ledger.Projections.Daemon.Operations;
using Ledger.Store;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections.Daemon;

/// <summary>
/// Rebuilds a projection without taking it offline: replays the whole log into shadow tables while the
/// live tables keep serving (and the daemon keeps following), then, in one short transaction holding
/// the checkpoint row, applies the last events, swaps the shadows in and moves the checkpoint.
/// </summary>
sealed class ProjectionRebuilder(EventStore store, ProjectionDaemonOptions options, ILogger logger)
{
    public async Task<RebuildResult> RebuildAsync(IAsyncProjection projection, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var schema = store.Schema.Quoted;
        await ProjectionCatalog.EnsureAsync(store, [projection], ct).ConfigureAwait(false);

        await using var guard = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var key = Leadership.KeyOf(store.Schema.Name, projection.Name);
        if (!await Leadership.TryTakeAsync(guard, Leadership.RebuildClass, key, ct).ConfigureAwait(false))
            throw new InvalidOperationException($"Projection '{projection.Name}' is already being rebuilt.");
        try
        {
            var live = ProjectionCatalog.LiveTables(store, projection);
            var shadows = ProjectionCatalog.ShadowTables(store, projection);
            var applier = new BatchApplier(projection, schema, options.StopOnError, logger);
            await CreateShadowsAsync(projection, shadows, ct).ConfigureAwait(false);

            var position = LogPosition.Start;
            long count = 0;
            // Reading the next batch overlaps applying this one: the replay is bound by the slower of the two, not their sum.
            var next = store.ReadCommittedAsync(position, options.RebuildBatchSize, ct);
            while (true)
            {
                var events = await next.ConfigureAwait(false);
                if (events.Count == 0) break;
                position = LogPosition.Of(events[^1]);
                var caughtUp = events.Count < options.RebuildBatchSize;
                if (!caughtUp) next = store.ReadCommittedAsync(position, options.RebuildBatchSize, ct);
                await using (var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
                await using (var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
                {
                    await applier.ApplyAsync(new ProjectionContext(connection, tx, schema, shadows, isRebuild: true), events, ct).ConfigureAwait(false);
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                }
                count += events.Count;
                // Close enough to the head: the rest is applied inside the swap.
                if (caughtUp) break;
            }

            await using (var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
            await using (var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
            {
                // Holding the checkpoint row keeps the daemon between batches until the swap commits.
                await Checkpoints.LockAsync(connection, tx, schema, projection.Name, ct).ConfigureAwait(false);
                var context = new ProjectionContext(connection, tx, schema, shadows, isRebuild: true);
                while (true)
                {
                    var events = await store.ReadCommittedAsync(position, options.RebuildBatchSize, ct).ConfigureAwait(false);
                    if (events.Count == 0) break;
                    await applier.ApplyAsync(context, events, ct).ConfigureAwait(false);
                    position = LogPosition.Of(events[^1]);
                    count += events.Count;
                }
                foreach (var table in projection.Tables)
                    await ProjectionTables.SwapAsync(connection, tx, shadows[table.Name], live[table.Name], ct).ConfigureAwait(false);
                await using (var reset = Checkpoints.Reset(connection, tx, schema, projection.Name, position, count))
                    await reset.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }

            logger.LogInformation("Projection {Projection} rebuilt from {Events} events in {Elapsed}", projection.Name, count, clock.Elapsed);
            return new RebuildResult(projection.Name, count, position, clock.Elapsed);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1, $2)", guard);
            unlock.Parameters.Add(new NpgsqlParameter { Value = Leadership.RebuildClass });
            unlock.Parameters.Add(new NpgsqlParameter { Value = key });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    async Task CreateShadowsAsync(IAsyncProjection projection, IReadOnlyDictionary<string, PhysicalTable> shadows, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        // A shadow left by an interrupted rebuild is thrown away: the replay starts from the beginning.
        foreach (var shadow in shadows.Values) await ProjectionTables.DropAsync(connection, tx, shadow, ct).ConfigureAwait(false);
        await ProjectionTables.CreateMissingAsync(connection, tx, projection.Tables.Select(t => (t, shadows[t.Name])), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}

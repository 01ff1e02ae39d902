using Ledger.Projections.Daemon.Operations;
using Ledger.Store;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections.Daemon;

/// <summary>
/// Runs one async projection on this node while it holds the projection's leadership lock: reads the
/// committed log after the checkpoint, applies a batch and advances the checkpoint in one transaction on
/// the lock's own connection, so a node that lost its connection (and with it the lock) cannot write.
/// </summary>
sealed class ProjectionRunner(EventStore store, IAsyncProjection projection, ProjectionDaemonOptions options, ILogger logger)
{
    readonly int key = Leadership.KeyOf(store.Schema.Name, projection.Name);
    readonly BatchApplier applier = new(projection, store.Schema.Quoted, options.StopOnError, logger);
    readonly IReadOnlyDictionary<string, PhysicalTable> liveTables = ProjectionCatalog.LiveTables(store, projection);

    public IAsyncProjection Projection => projection;

    public volatile bool IsLeader;

    public volatile string State = ProjectionStates.NotStarted;

    public volatile string? Error;

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            NpgsqlConnection? lead = null;
            try
            {
                lead = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                if (!await Leadership.TryTakeAsync(lead, Leadership.LeaderClass, key, ct).ConfigureAwait(false))
                {
                    State = ProjectionStates.Standby;
                    await lead.DisposeAsync().ConfigureAwait(false);
                    lead = null;
                    await Task.Delay(options.LeadershipRetryInterval, ct).ConfigureAwait(false);
                    continue;
                }

                IsLeader = true;
                State = ProjectionStates.Leading;
                logger.LogInformation("This node now runs projection {Projection}", projection.Name);
                await FollowAsync(lead, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (ProjectionStoppedException e)
            {
                logger.LogError(e, "Projection {Projection} stopped on error", projection.Name);
                Error = e.Message;
                State = ProjectionStates.StoppedOnError;
                return;
            }
            catch (Exception e)
            {
                // A lost connection or a database restart: give the lock up and compete for it again a little later than the others.
                logger.LogWarning(e, "Projection {Projection} lost its run on this node; retrying", projection.Name);
                Error = e.Message;
                State = ProjectionStates.Retrying;
                IsLeader = false;
                await ReleaseAsync(lead).ConfigureAwait(false);
                lead = null;
                try { await Task.Delay(options.LeadershipRetryInterval * 2, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
            finally
            {
                IsLeader = false;
                await ReleaseAsync(lead).ConfigureAwait(false);
            }
        }
        State = ProjectionStates.Stopped;
    }

    async Task FollowAsync(NpgsqlConnection lead, CancellationToken ct)
    {
        var schema = store.Schema.Quoted;
        var position = await Checkpoints.ReadAsync(lead, schema, projection.Name, ct).ConfigureAwait(false);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var events = await store.ReadCommittedAsync(position, options.BatchSize, ct).ConfigureAwait(false);
            if (events.Count == 0)
            {
                // Idle: make sure the lock's connection (and so the leadership) is still there.
                await using (var ping = new NpgsqlCommand("select 1", lead))
                    await ping.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await Task.Delay(options.PollInterval, ct).ConfigureAwait(false);
                continue;
            }

            await using var tx = await lead.BeginTransactionAsync(ct).ConfigureAwait(false);
            var current = await Checkpoints.LockAsync(lead, tx, schema, projection.Name, ct).ConfigureAwait(false);
            if (current != position)
            {
                // A rebuild swapped its tables in and moved the checkpoint: continue from there.
                await tx.RollbackAsync(ct).ConfigureAwait(false);
                position = current;
                continue;
            }

            var context = new ProjectionContext(lead, tx, schema, liveTables, isRebuild: false);
            await applier.ApplyAsync(context, events, ct).ConfigureAwait(false);
            var last = LogPosition.Of(events[^1]);
            await using (var advance = Checkpoints.Advance(lead, tx, schema, projection.Name, last, events.Count))
                await advance.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            position = last;
        }
    }

    /// <summary>
    /// Gives the lock back before the connection returns to the pool: a pooled connection keeps its session
    /// (and its advisory locks) until it is reused, which would leave the projection without a runner.
    /// </summary>
    async Task ReleaseAsync(NpgsqlConnection? lead)
    {
        if (lead is null) return;
        try
        {
            if (lead.FullState == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1, $2)", lead);
                unlock.Parameters.Add(new NpgsqlParameter { Value = Leadership.LeaderClass });
                unlock.Parameters.Add(new NpgsqlParameter { Value = key });
                unlock.CommandTimeout = 5;
                await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone, and the lock with it.
        }
        finally
        {
            await lead.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using Ledger.Projections.Daemon.Operations;
using Ledger.Store;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections.Daemon;

/// <summary>
/// Applies a batch under a savepoint; if it fails, applies its events one by one, each under its own
/// savepoint, so that one bad event goes to the dead letters (or stops the projection) without losing the rest.
/// </summary>
sealed class BatchApplier(IAsyncProjection projection, string schema, bool stopOnError, ILogger logger)
{
    /// <summary>Returns how many events went to the dead letters.</summary>
    public async Task<int> ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var tx = context.Transaction;
        await tx.SaveAsync("batch", ct).ConfigureAwait(false);
        try
        {
            await projection.ApplyAsync(context, batch, ct).ConfigureAwait(false);
            await tx.ReleaseAsync("batch", ct).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (IsTheEventsFault(e, context.Connection, ct))
        {
            await tx.RollbackAsync("batch", ct).ConfigureAwait(false);
        }

        var dead = 0;
        foreach (var e in batch)
        {
            await tx.SaveAsync("event", ct).ConfigureAwait(false);
            try
            {
                await projection.ApplyAsync(context, [e], ct).ConfigureAwait(false);
                await tx.ReleaseAsync("event", ct).ConfigureAwait(false);
            }
            catch (Exception error) when (IsTheEventsFault(error, context.Connection, ct))
            {
                await tx.RollbackAsync("event", ct).ConfigureAwait(false);
                if (stopOnError) throw new ProjectionStoppedException(projection.Name, e, error);
                logger.LogError(error, "Projection {Projection} could not apply event {Sequence} ({Type}); it goes to the dead letters",
                    projection.Name, e.Sequence, e.Type);
                await using var insert = DeadLetters.Insert(context.Connection, tx, schema, projection.Name, e, error);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                dead++;
            }
        }
        return dead;
    }

    /// <summary>A failure of the event (bad data, a broken rule in the projection), not of the database link or a shutdown.</summary>
    static bool IsTheEventsFault(Exception e, NpgsqlConnection connection, CancellationToken ct) =>
        !ct.IsCancellationRequested
        && connection.FullState == System.Data.ConnectionState.Open
        && e is not OperationCanceledException
        && !(e is NpgsqlException { IsTransient: true });
}

/// <summary>A projection configured to stop on error met an event it cannot apply; its checkpoint stays before that event's batch.</summary>
public sealed class ProjectionStoppedException(string projection, StoredEvent e, Exception inner)
    : Exception($"Projection '{projection}' stopped at event {e.Sequence} ({e.Type}, stream {e.StreamId} version {e.Version}): {inner.Message}", inner)
{
    public string Projection { get; } = projection;

    public long Sequence { get; } = e.Sequence;
}

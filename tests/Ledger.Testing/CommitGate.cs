using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Ledger.Testing;

/// <summary>
/// An inline projection that, for one stream, waits at a gate the test holds, inside the append's commit (after the
/// events are inserted): a way to keep a writer's transaction open while others commit. The gate is a PostgreSQL
/// advisory lock, with a key of its own per test class so that classes running in parallel never share one.
/// </summary>
public sealed class CommitGate(long key) : IProjection
{
    Guid held;

    public long Key { get; } = key;

    /// <summary>Makes appends to <paramref name="streamId"/> wait at the gate (<see cref="Guid.Empty"/>: none).</summary>
    public void Hold(Guid streamId) => held = streamId;

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        if (events.Any(e => e.StreamId == held)) operations.QueueSqlCommand($"select pg_advisory_xact_lock({Key})");
        return Task.CompletedTask;
    }

    /// <summary>Waits until a writer waits at the gate.</summary>
    public async Task WaitUntilSomeoneWaitsAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            var waiting = await TestDatabase.ScalarAsync<long>(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted and objid = $1", Key);
            if (waiting > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("No writer reached the gate.");
    }
}

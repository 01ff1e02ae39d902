using Ledger.Store;
using Ledger.Testing;
using Npgsql;
using Projections.Tests.Support;

namespace Projections.Tests.Daemon;

public sealed class LateCommits : DaemonTest
{
    const int GateKey = 515151;
    readonly HoldingProjection holding = new();
    readonly AppliedEventsProjection applied = new();

    public LateCommits() => Store.AddInlineProjection(holding);

    [Fact]
    public async Task an_append_that_commits_after_a_later_one_is_projected_and_in_its_place()
    {
        var daemon = await StartDaemonAsync([applied]);
        var (slow, fast) = (Guid.NewGuid(), Guid.NewGuid());

        await using var gate = await TestDatabase.DataSource.OpenConnectionAsync();
        await using (var close = new NpgsqlCommand($"select pg_advisory_lock({GateKey})", gate)) await close.ExecuteNonQueryAsync();
        holding.Hold(slow);

        // The slow append inserts its event (taking the lower sequence) and then waits at the gate, its transaction open.
        var slowWrite = Task.Run(() => Store.StartStreamAsync<Tally>(slow, EventMetadata.None, new TallyOpened(slow, "slow")));
        await Eventually.HoldsAsync(async () => await TestDatabase.ScalarAsync<long>(
            "select count(*) from pg_locks where locktype = 'advisory' and not granted and objid = $1", (long)GateKey) > 0,
            "the slow append to wait at the gate");
        var fastWrite = await Store.StartStreamAsync<Tally>(fast, EventMetadata.None, new TallyOpened(fast, "fast"));

        // The fast event is committed, yet the daemon must not move past the open transaction: give it many polls to get it wrong.
        for (var poll = 0; poll < 20; poll++)
        {
            (await CountAsync(AppliedEventsProjection.Table)).ShouldBe(0);
            await Task.Delay(50);
        }

        await using (var open = new NpgsqlCommand($"select pg_advisory_unlock({GateKey})", gate)) await open.ExecuteNonQueryAsync();
        var slowResult = await slowWrite;
        slowResult.LastSequence.ShouldBeLessThan(fastWrite.LastSequence);

        await CaughtUpAsync(daemon, applied.Name);
        var order = await TestDatabase.ScalarAsync<Guid[]>($"select array_agg(stream_id order by ordinal) from \"{Schema}\".applied_events");
        order.ShouldBe([slow, fast]);
        (await CountAsync(AppliedEventsProjection.Table, "applied <> 1")).ShouldBe(0);
    }

    /// <summary>An inline projection that, for one stream, waits at a gate the test holds, after the events are inserted.</summary>
    sealed class HoldingProjection : IInlineProjection
    {
        Guid held;

        public void Hold(Guid streamId) => held = streamId;

        public void Enqueue(IReadOnlyList<PendingEvent> events, InlineBatch batch)
        {
            if (events.Any(e => e.StreamId == held)) batch.Add($"select pg_advisory_xact_lock({GateKey})");
        }
    }
}

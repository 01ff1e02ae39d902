using Ledger.Store;
using Ledger.Testing;

namespace Ledger.Tests.Store;

public sealed class ReadingTheLog : StoreTest
{
    readonly HoldingProjection holding = new();

    public ReadingTheLog() => Store.AddInlineProjection(holding);

    protected override EventTypeRegistry CreateRegistry() => Tally.Registry();

    [Fact]
    public async Task all_events_read_back_in_global_order()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await Store.StartStreamAsync<Tally>(a, EventMetadata.None, new TallyOpened(a, "a"));
        await Store.StartStreamAsync<Tally>(b, EventMetadata.None, new TallyOpened(b, "b"));
        await Store.AppendAsync(a, 1, EventMetadata.None, new TallyIncremented(a, 1));

        var all = await Store.ReadAllAsync(0, 100);

        all.Select(e => (e.StreamId, e.Version)).ShouldBe([(a, 1L), (b, 1L), (a, 2L)]);
        (await Store.ReadAllAsync(all[1].Sequence, 100)).Single().Sequence.ShouldBe(all[2].Sequence);
        (await Store.HeadAsync()).ShouldBe(all[2].Sequence);
    }

    [Fact]
    public async Task an_event_that_commits_after_a_later_sequence_is_still_read()
    {
        var (slow, fast) = (Guid.NewGuid(), Guid.NewGuid());
        await using var gate = await TestDatabase.DataSource.OpenConnectionAsync();
        await using (var close = new Npgsql.NpgsqlCommand($"select pg_advisory_lock({HoldingProjection.GateKey})", gate))
            await close.ExecuteNonQueryAsync();
        holding.Hold(slow);

        // The slow writer takes its sequence number first, then waits at the gate inside its transaction.
        var slowWrite = Task.Run(() => Store.StartStreamAsync<Tally>(slow, EventMetadata.None, new TallyOpened(slow, "slow")));
        await WaitUntilSomeoneWaitsAtTheGate();
        var fastWrite = await Store.StartStreamAsync<Tally>(fast, EventMetadata.None, new TallyOpened(fast, "fast"));

        // The fast event is committed and visible, but readers of the committed log are held back behind the open transaction.
        (await Store.ReadAllAsync(0, 100)).Select(e => e.StreamId).ShouldBe([fast]);
        (await Store.ReadCommittedAsync(LogPosition.Start, 100)).ShouldBeEmpty();

        await using (var open = new Npgsql.NpgsqlCommand($"select pg_advisory_unlock({HoldingProjection.GateKey})", gate))
            await open.ExecuteNonQueryAsync();
        var slowResult = await slowWrite;
        slowResult.LastSequence.ShouldBeLessThan(fastWrite.LastSequence);

        // Both are read, the late committer first, and a reader past both has nothing left to miss.
        var afterCommit = await ReadCommittedUntilAsync(LogPosition.Start, count: 2);
        afterCommit.Select(e => e.StreamId).ShouldBe([slow, fast]);
        (await Store.ReadCommittedAsync(LogPosition.Of(afterCommit[^1]), 100)).ShouldBeEmpty();
    }

    /// <summary>Other test classes' transactions may hold the committed log back for a moment; wait them out.</summary>
    async Task<IReadOnlyList<StoredEvent>> ReadCommittedUntilAsync(LogPosition after, int count)
    {
        for (var i = 0; ; i++)
        {
            var events = await Store.ReadCommittedAsync(after, 100);
            if (events.Count >= count || i == 100) return events;
            await Task.Delay(50);
        }
    }

    static async Task WaitUntilSomeoneWaitsAtTheGate()
    {
        for (var i = 0; i < 200; i++)
        {
            var waiting = await TestDatabase.ScalarAsync<long>(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted and objid = $1", (long)HoldingProjection.GateKey);
            if (waiting > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("The slow writer never reached the gate.");
    }

    [Fact]
    public async Task a_dropped_connection_is_retried_without_the_caller_noticing()
    {
        await using var dataSource = TestDatabase.Create(applicationName: Schema);
        var store = new EventStore(dataSource, Tally.Registry(), new LedgerStoreOptions { Schema = Schema }, Clock);
        var id = Guid.NewGuid();
        await store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "before"));

        await TestDatabase.ExecuteAsync(
            "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1", Schema);
        await store.AppendAsync(id, 1, EventMetadata.None, new TallyIncremented(id, 1));

        (await store.FetchForWritingAsync<Tally>(id)).Version.ShouldBe(2);
    }

    /// <summary>An inline projection that, for one stream, waits at a gate the test holds, after the events are inserted.</summary>
    sealed class HoldingProjection : IInlineProjection
    {
        public const int GateKey = 424242;
        Guid held;

        public void Hold(Guid streamId) => held = streamId;

        public void Enqueue(IReadOnlyList<PendingEvent> events, InlineBatch batch)
        {
            if (events.Any(e => e.StreamId == held)) batch.Add($"select pg_advisory_xact_lock({GateKey})");
        }
    }
}

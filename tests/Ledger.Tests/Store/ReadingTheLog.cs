using System.Collections.Concurrent;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Ledger.Testing;
using Marten;
using Marten.Events.Projections;
using Marten.Subscriptions;
using Npgsql;

namespace Ledger.Tests.Store;

/// <summary>Reading the whole log across streams, as the ledger's async projections and subscribers do.</summary>
public sealed class ReadingTheLog : LedgerStoreTest
{
    readonly CommitGate holding = new(424243);
    readonly RecordingSubscription recording = new();

    protected override void Configure(StoreOptions options)
    {
        Tally.Register(options);
        options.Projections.Add(holding, ProjectionLifecycle.Inline);
        options.Events.Subscribe(recording);
    }

    async Task<IEvent> StartAsync(Guid id, string name)
    {
        await using var session = Store.LightweightSession();
        session.Events.StartStream<Tally>(id, new TallyOpened(id, name));
        await session.SaveChangesAsync();
        return (await session.Events.FetchStreamAsync(id)).Single();
    }

    [Fact]
    public async Task all_events_read_back_in_global_order()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await StartAsync(a, "a");
        await StartAsync(b, "b");
        await using (var session = Store.LightweightSession())
        {
            session.Events.Append(a, 2, new TallyIncremented(a, 1));
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession();
        var all = await query.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();

        all.Select(e => (e.StreamId, e.Version)).ShouldBe([(a, 1L), (b, 1L), (a, 2L)]);
        all.Select(e => e.EventTypeName).ShouldBe(["tally_opened", "tally_opened", "tally_incremented"]);
        var after = all[1].Sequence;
        (await query.Events.QueryAllRawEvents().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).ToListAsync())
            .Single().Sequence.ShouldBe(all[2].Sequence);
        (await Store.Storage.Database.FetchHighestEventSequenceNumber()).ShouldBe(all[2].Sequence);
    }

    /// <summary>
    /// Readers of the log wait behind an open transaction: in Marten that is the async daemon's
    /// high-water mark, which with transaction evidence (the default) does not pass a sequence whose writer is still
    /// in its transaction, so a subscriber sees the late committer, and sees it first.
    /// </summary>
    [Fact]
    public async Task an_event_that_commits_after_a_later_sequence_is_still_read()
    {
        var (slow, fast) = (Guid.NewGuid(), Guid.NewGuid());
        using var daemon = await Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();

        await using var gate = await TestDatabase.DataSource.OpenConnectionAsync();
        await using (var close = new NpgsqlCommand($"select pg_advisory_lock({holding.Key})", gate))
            await close.ExecuteNonQueryAsync();
        holding.Hold(slow);

        // The slow writer takes its sequence number, then waits at the gate inside its transaction.
        var slowWrite = Task.Run(() => StartAsync(slow, "slow"));
        await holding.WaitUntilSomeoneWaitsAsync();
        var fastEvent = await StartAsync(fast, "fast");

        // The fast event is committed and visible, but the subscriber is held back behind the open transaction.
        await using (var query = Store.QuerySession())
            (await query.Events.QueryAllRawEvents().ToListAsync()).Select(e => e.StreamId).ShouldBe([fast]);
        await Task.Delay(TimeSpan.FromSeconds(4)); // past the daemon's stale-sequence threshold (3 s)
        recording.Seen.ShouldBeEmpty();

        await using (var open = new NpgsqlCommand($"select pg_advisory_unlock({holding.Key})", gate))
            await open.ExecuteNonQueryAsync();
        var slowEvent = await slowWrite;
        slowEvent.Sequence.ShouldBeLessThan(fastEvent.Sequence);

        for (var i = 0; i < 200 && recording.Seen.Count < 2; i++) await Task.Delay(50);
        recording.Seen.ShouldBe([slow, fast]);
        await daemon.StopAllAsync();
    }



    /// <summary>An async subscriber that records the streams of the events it is given, in order.</summary>
    sealed class RecordingSubscription : SubscriptionBase
    {
        readonly ConcurrentQueue<Guid> seen = new();

        public RecordingSubscription() => Name = "recording";

        public IReadOnlyList<Guid> Seen => [.. seen];

        public override Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
            IDocumentOperations operations, CancellationToken cancellationToken)
        {
            foreach (var e in page.Events) seen.Enqueue(e.StreamId);
            return Task.FromResult(NullChangeListener.Instance);
        }
    }
}

using JasperFx.Events;
using Ledger.Testing;
using Marten;

namespace Ledger.Tests.Store;

/// <summary>Folding a stream as it stood at a version or at a moment, the moment being PostgreSQL's.</summary>
public sealed class TimeTravel : LedgerStoreTest
{
    protected override void Configure(StoreOptions options) => Tally.Register(options);

    /// <summary>Appends in a transaction of its own and returns the events as stored.</summary>
    async Task<IEvent> AppendAsync(IDocumentStore store, Guid id, object @event)
    {
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(id, @event);
            await session.SaveChangesAsync();
        }
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamAsync(id))[^1];
    }

    static async Task<DateTimeOffset> DatabaseNowAsync() =>
        new(DateTime.SpecifyKind(await TestDatabase.ScalarAsync<DateTime>("select clock_timestamp()"), DateTimeKind.Utc));

    [Fact]
    public async Task a_stream_folds_as_it_stood_at_a_version()
    {
        var id = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream<Tally>(id, new TallyOpened(id, "v"), new TallyIncremented(id, 1), new TallyIncremented(id, 10), new TallyRenamed(id, "w"));
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession();
        (await query.Events.AggregateStreamAsync<Tally>(id, version: 2)).ShouldBe(new Tally("v", 1, 2) { Id = id });
        (await query.Events.AggregateStreamAsync<Tally>(id, version: 1)).ShouldBe(new Tally("v", 0, 1) { Id = id });
        (await query.Events.AggregateStreamAsync<Tally>(id)).ShouldBe(new Tally("w", 11, 4) { Id = id });
    }

    [Fact]
    public async Task a_stream_folds_as_it_stood_at_an_instant()
    {
        var id = Guid.NewGuid();
        var opened = await AppendAsync(Store, id, new TallyOpened(id, "first"));
        var incremented = await AppendAsync(Store, id, new TallyIncremented(id, 3));
        await AppendAsync(Store, id, new TallyRenamed(id, "second"));

        await using var query = Store.QuerySession();
        (await query.Events.AggregateStreamAsync<Tally>(id, timestamp: opened.Timestamp)).ShouldBe(new Tally("first", 0, 1) { Id = id });
        (await query.Events.AggregateStreamAsync<Tally>(id, timestamp: incremented.Timestamp)).ShouldBe(new Tally("first", 3, 2) { Id = id });
        (await query.Events.AggregateStreamAsync<Tally>(id, timestamp: await DatabaseNowAsync())).ShouldBe(new Tally("second", 3, 3) { Id = id });
        (await query.Events.AggregateStreamAsync<Tally>(id, timestamp: opened.Timestamp.AddTicks(-10))).ShouldBeNull();
    }

    [Fact]
    public async Task a_writer_with_a_slow_clock_does_not_pull_a_later_event_into_the_past()
    {
        var id = Guid.NewGuid();
        var first = await AppendAsync(Store, id, new TallyOpened(id, "o"));
        var second = await AppendAsync(Store, id, new TallyIncremented(id, 1));

        // The next writer's clock is two hours behind; the moment of recording is PostgreSQL's, not the writer's.
        var slow = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        using var slowWriter = CreateStore(options => options.Events.TimeProvider = slow);
        var before = await DatabaseNowAsync();
        var third = await AppendAsync(slowWriter, id, new TallyIncremented(id, 10));

        third.Timestamp.ShouldBeGreaterThan(second.Timestamp);
        third.Timestamp.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(-1));
        second.Timestamp.ShouldBeGreaterThan(first.Timestamp);
        await using var query = Store.QuerySession();
        var then = await query.Events.AggregateStreamAsync<Tally>(id, timestamp: second.Timestamp);
        then!.Events.ShouldBe(2);
        then.Total.ShouldBe(1);
    }

    [Fact]
    public async Task a_missing_stream_folds_to_nothing_and_is_written_from_its_initial_state()
    {
        var id = Guid.NewGuid();

        await using var query = Store.QuerySession();
        (await query.Events.AggregateStreamAsync<Tally>(id)).ShouldBeNull();
        await using var session = Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Tally>(id);
        stream.Aggregate.ShouldBeNull();
        (stream.StartingVersion ?? 0).ShouldBe(0);
        // The ledger decides on Initial where Marten has nothing (CommandAttempt.Decide).
        stream.AppendOne(new TallyOpened(id, "new"));
        await session.SaveChangesAsync();
        (await query.Events.AggregateStreamAsync<Tally>(id)).ShouldBe(Tally.Fold(Tally.Initial, new TallyOpened(id, "new")));
    }
}

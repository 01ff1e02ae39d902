using Ledger.Store;
using Ledger.Testing;

namespace Ledger.Tests.Store;

public sealed class RacingWriters : StoreTest
{
    protected override EventTypeRegistry CreateRegistry() => Tally.Registry();

    /// <summary>32 writers append at once to a fresh stream, all expecting version 1; each one's refusal, or null for the winner.</summary>
    async Task<(Guid Stream, ConcurrencyException?[] Outcomes)> ThirtyTwoWritersAtVersionOneAsync()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "race"));

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await Store.AppendAsync(id, 1, new EventMetadata($"writer-{i}"), new TallyIncremented(id, 1));
                return null;
            }
            catch (ConcurrencyException e) { return e; }
        })).ToArray();
        start.Set();
        return (id, await Task.WhenAll(attempts));
    }

    [Fact]
    public async Task of_32_writers_at_the_same_version_exactly_one_wins()
    {
        var (id, outcomes) = await ThirtyTwoWritersAtVersionOneAsync();

        outcomes.Count(lost => lost is null).ShouldBe(1);
        var events = await Store.FetchStreamAsync(id);
        events.Select(e => e.Version).ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task every_losing_writer_is_told_the_version_that_beat_it()
    {
        var (id, outcomes) = await ThirtyTwoWritersAtVersionOneAsync();
        var losers = outcomes.OfType<ConcurrencyException>().ToList();

        losers.Count.ShouldBe(31);
        losers.ShouldAllBe(e => e.StreamId == id && e.ExpectedVersion == 1 && e.ActualVersion == 2);
    }

    [Fact]
    public async Task writers_that_reload_and_retry_lose_nothing_and_leave_no_gap()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "retry"));
        const int writers = 16, each = 5;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; n < each; n++)
            {
                while (true)
                {
                    var current = await Store.FetchForWritingAsync<Tally>(id);
                    try
                    {
                        await Store.AppendAsync(id, current.Version, new EventMetadata($"writer-{w}"), new TallyIncremented(id, 1));
                        break;
                    }
                    catch (ConcurrencyException) { }
                }
            }
        })));

        var events = await Store.FetchStreamAsync(id);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 1 + writers * each).Select(v => (long)v));
        (await Store.FetchForWritingAsync<Tally>(id)).State.Total.ShouldBe(writers * each);
        events.GroupBy(e => e.Metadata.Actor).Where(g => g.Key != null).ShouldAllBe(g => g.Count() == each);
    }

    [Fact]
    public async Task writers_on_distinct_streams_do_not_block_each_other()
    {
        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "own"));
            for (var v = 1; v <= 10; v++) await Store.AppendAsync(id, v, EventMetadata.None, new TallyIncremented(id, 1));
        })));

        foreach (var id in ids) (await Store.FetchForWritingAsync<Tally>(id)).Version.ShouldBe(11);
    }
}

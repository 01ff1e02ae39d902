using Ledger.Store;
using Ledger.Testing;

namespace Ledger.Tests.Store;

public sealed class TimeTravel : StoreTest
{
    protected override EventTypeRegistry CreateRegistry() => Tally.Registry();

    [Fact]
    public async Task a_stream_folds_as_it_stood_at_a_version()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None,
            new TallyOpened(id, "v"), new TallyIncremented(id, 1), new TallyIncremented(id, 10), new TallyRenamed(id, "w"));

        var atTwo = await Store.AggregateStreamAsync<Tally>(id, version: 2);

        atTwo.ShouldNotBeNull();
        atTwo.Version.ShouldBe(2);
        atTwo.State.ShouldBe(new Tally("v", 1, 2));
    }

    [Fact]
    public async Task a_stream_folds_as_it_stood_at_an_instant()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "first"));
        var afterOpening = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromDays(30));
        await Store.AppendAsync(id, 1, EventMetadata.None, new TallyIncremented(id, 3));
        var afterIncrement = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromDays(365));
        await Store.AppendAsync(id, 2, EventMetadata.None, new TallyRenamed(id, "second"));

        (await Store.AggregateStreamAsync<Tally>(id, asOf: afterOpening.AddSeconds(1)))!.State.ShouldBe(new Tally("first", 0, 1));
        (await Store.AggregateStreamAsync<Tally>(id, asOf: afterIncrement))!.State.ShouldBe(new Tally("first", 3, 2));
        (await Store.AggregateStreamAsync<Tally>(id))!.State.ShouldBe(new Tally("second", 3, 3));
        (await Store.AggregateStreamAsync<Tally>(id, asOf: afterOpening.AddDays(-1))).ShouldBeNull();
    }

    [Fact]
    public async Task a_writer_with_a_slow_clock_does_not_pull_a_later_event_into_the_past()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "o"));
        Clock.Advance(TimeSpan.FromHours(2));
        var afterSecond = Clock.GetUtcNow();
        await Store.AppendAsync(id, 1, EventMetadata.None, new TallyIncremented(id, 1));
        Clock.Advance(TimeSpan.FromHours(1));
        await Store.AppendAsync(id, 2, EventMetadata.None, new TallyIncremented(id, 10));
        Clock.Advance(TimeSpan.FromHours(-2)); // the next writer's clock is behind
        await Store.AppendAsync(id, 3, EventMetadata.None, new TallyIncremented(id, 100));

        var then = await Store.AggregateStreamAsync<Tally>(id, asOf: afterSecond.AddMinutes(30));

        then!.Version.ShouldBe(2);
        then.State.Total.ShouldBe(1);
    }

    [Fact]
    public async Task a_missing_stream_is_written_from_its_initial_state()
    {
        var state = await Store.FetchForWritingAsync<Tally>(Guid.NewGuid());
        state.Exists.ShouldBeFalse();
        state.State.ShouldBe(Tally.Initial);
    }
}

using System.Text.Json.Nodes;
using Ledger.Store;
using Ledger.Testing;

namespace Ledger.Tests.Store;

public sealed class EventTypes : StoreTest
{
    protected override EventTypeRegistry CreateRegistry() => Tally.Registry()
        // An earlier release stored increments as "tally_bumped" with the amount in "amount".
        .Upcast("tally_bumped", "tally_incremented", old => new JsonObject
        {
            ["tallyId"] = old["tallyId"]?.DeepClone(),
            ["by"] = old["amount"]?.DeepClone(),
        });

    [Fact]
    public async Task events_are_stored_under_their_registered_names_not_clr_names()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "n"));

        (await TestDatabase.ScalarAsync<string>($"select type from \"{Schema}\".events where stream_id = $1", id)).ShouldBe("tally_opened");
        (await TestDatabase.ScalarAsync<string>($"select data->>'name' from \"{Schema}\".events where stream_id = $1", id)).ShouldBe("n");
    }

    [Fact]
    public async Task an_old_shape_is_read_as_the_current_one()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "old"));
        await TestDatabase.ExecuteAsync(
            $"insert into \"{Schema}\".events (stream_id, version, type, data, metadata, recorded_at, hash) " +
            $"values ($1, 2, 'tally_bumped', jsonb_build_object('tallyId', $1::text, 'amount', 7), '{{}}', now(), sha256('old'))", id);
        await TestDatabase.ExecuteAsync($"update \"{Schema}\".streams set version = 2 where id = $1", id);

        var events = await Store.FetchStreamAsync(id);

        events[1].Type.ShouldBe("tally_incremented");
        events[1].Data.ShouldBe(new TallyIncremented(id, 7));
        (await Store.FetchForWritingAsync<Tally>(id)).State.Total.ShouldBe(7);
    }

    [Fact]
    public async Task an_unknown_stored_type_is_kept_but_ignored_by_folds()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "x"), new TallyIncremented(id, 2));
        await TestDatabase.ExecuteAsync(
            $"insert into \"{Schema}\".events (stream_id, version, type, data, metadata, recorded_at, hash) values ($1, 3, 'from_the_future', '{{\"a\":1}}', '{{}}', now(), sha256('future'))", id);
        await TestDatabase.ExecuteAsync($"update \"{Schema}\".streams set version = 3 where id = $1", id);

        var events = await Store.FetchStreamAsync(id);
        events[2].Data.ShouldBeOfType<UnknownEvent>().Type.ShouldBe("from_the_future");
        var state = await Store.FetchForWritingAsync<Tally>(id);
        state.Version.ShouldBe(3);
        state.State.Total.ShouldBe(2);
    }

    [Fact]
    public void one_name_cannot_stand_for_two_types()
    {
        Should.Throw<InvalidOperationException>(() => new EventTypeRegistry().Register<TallyOpened>("x").Register<TallyRenamed>("x"));
    }
}

using JasperFx.Events;
using Ledger.Marten;
using Ledger.Testing;
using Marten;
using Marten.Events;
using Marten.Services.Json.Transformations.SystemTextJson;

namespace Ledger.Tests.Store;

/// <summary>
/// What is stored for an event (its registered name, its JSON) and how events written by other releases of the
/// ledger read back: an earlier release's shape through an upcaster, a later release's unknown type.
/// </summary>
public sealed class EventNamesAndShapes : LedgerStoreTest
{
    protected override void Configure(StoreOptions options)
    {
        Tally.Register(options);
        // An earlier release stored increments as "tally_bumped" with the amount in "amount"; its class is gone.
        options.Events.Upcast<TallyIncremented>("tally_bumped", JsonTransformations.Upcast(old => new TallyIncremented(
            old.RootElement.GetProperty("tallyId").GetGuid(),
            old.RootElement.GetProperty("amount").GetInt32())));
    }

    /// <summary>The event class of the earlier release.</summary>
    sealed record TallyBumped(Guid TallyId, int Amount);

    /// <summary>An event class of a later release, which this one does not know.</summary>
    sealed record TallyAudited(Guid TallyId, string Auditor);

    /// <summary>Writes <paramref name="events"/> as another release configured with <paramref name="release"/> would.</summary>
    async Task AppendAsAnotherReleaseAsync(Guid id, string storedClass, Action<StoreOptions> release, params object[] events)
    {
        using (var other = DocumentStore.For(options =>
        {
            LedgerStore.Configure(options, TestDatabase.DataSource, new LedgerStoreSettings { Schema = Schema });
            Tally.Register(options);
            release(options);
        }))
        {
            await using var session = other.LightweightSession();
            session.Events.Append(id, events);
            await session.SaveChangesAsync();
        }
        // The other release's class does not exist in this one. Recorded events are immutable: only a superuser who turns
        // the guard off can rewrite the row, as if another release had written it.
        await TestDatabase.ExecuteAsync($"alter table \"{Schema}\".mt_events disable trigger {ImmutableEvents.TriggerNames[0]}");
        await TestDatabase.ExecuteAsync(
            $"update \"{Schema}\".mt_events set mt_dotnet_type = $2 where stream_id = $1 and mt_dotnet_type like '%+' || $3 || ',%'",
            id, storedClass, events[0].GetType().Name);
        await TestDatabase.ExecuteAsync($"alter table \"{Schema}\".mt_events enable trigger {ImmutableEvents.TriggerNames[0]}");
    }

    async Task<IReadOnlyList<IEvent>> StreamAsync(Guid id)
    {
        await using var query = Store.QuerySession();
        return await query.Events.FetchStreamAsync(id);
    }

    async Task StartAsync(Guid id, params object[] events)
    {
        await using var session = Store.LightweightSession();
        session.Events.StartStream<Tally>(id, events);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task events_are_stored_under_their_registered_names_not_clr_names()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "n"));

        (await TestDatabase.ScalarAsync<string>($"select type from \"{Schema}\".mt_events where stream_id = $1", id)).ShouldBe("tally_opened");
        (await TestDatabase.ScalarAsync<string>($"select data->>'name' from \"{Schema}\".mt_events where stream_id = $1", id)).ShouldBe("n");
        (await StreamAsync(id)).Single().EventTypeName.ShouldBe("tally_opened");
    }

    [Fact]
    public async Task an_old_shape_is_read_as_the_current_one()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "old"));
        await AppendAsAnotherReleaseAsync(id, "Ledger.Testing.TallyBumped, Ledger.Testing",
            release => release.Events.MapEventType<TallyBumped>("tally_bumped"), new TallyBumped(id, 7));
        (await TestDatabase.ScalarAsync<string>($"select data::text from \"{Schema}\".mt_events where stream_id = $1 and version = 2", id))
            .ShouldContain("\"amount\"");

        var events = await StreamAsync(id);

        events[1].Data.ShouldBe(new TallyIncremented(id, 7));
        await using var query = Store.QuerySession();
        (await query.Events.AggregateStreamAsync<Tally>(id))!.Total.ShouldBe(7);
        await using var session = Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Tally>(id);
        stream.StartingVersion.ShouldBe(2);
        stream.Aggregate!.Total.ShouldBe(7);
    }

    /// <summary>
    /// Marten, as the ledger configures it, refuses to read a stream holding an event type it does not know, rather
    /// than skipping it, and that is the safer answer for a ledger: a node that folded past an
    /// event it does not understand (say a later release's suspension) would decide commands on a state that misses
    /// a fact. Such a stream is readable again by the release that knows the type; nothing is appended meanwhile.
    /// </summary>
    [Fact]
    public async Task an_unknown_stored_type_stops_reads_and_folds_rather_than_being_skipped()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "x"), new TallyIncremented(id, 2));
        await AppendAsAnotherReleaseAsync(id, "Ledger.Tallies.TallyAudited, Ledger",
            release => release.Events.MapEventType<TallyAudited>("tally_audited"), new TallyAudited(id, "inspectorate"));

        await using var query = Store.QuerySession();
        var read = await Should.ThrowAsync<global::Marten.Exceptions.UnknownEventTypeException>(() => query.Events.FetchStreamAsync(id));
        var fold = await Should.ThrowAsync<global::Marten.Exceptions.UnknownEventTypeException>(() => query.Events.AggregateStreamAsync<Tally>(id));
        await using (var session = Store.LightweightSession())
        {
            var fetch = await Should.ThrowAsync<global::Marten.Exceptions.UnknownEventTypeException>(() => session.Events.FetchForWriting<Tally>(id));
            new[] { read, fold, fetch }.ShouldAllBe(e => e.Message.Contains("Ledger.Tallies.TallyAudited"));
        }

        // The event is kept as it was written, and the known events before it still fold.
        (await TestDatabase.ScalarAsync<string>($"select type from \"{Schema}\".mt_events where stream_id = $1 and version = 3", id)).ShouldBe("tally_audited");
        (await query.Events.AggregateStreamAsync<Tally>(id, version: 2))!.Total.ShouldBe(2);
        (await TestDatabase.ScalarAsync<long>($"select version from \"{Schema}\".mt_streams where id = $1", id)).ShouldBe(3);
    }

    /// <summary>Marten accepts a second type mapped to a name already taken, so the ledger's configuration must not do it.</summary>
    [Fact]
    public void every_registered_name_stands_for_one_type()
    {
        var known = ((EventGraph)Store.Options.Events).AllKnownEventTypes();

        known.Select(e => e.EventTypeName).ShouldBeUnique();
        known.Select(e => e.EventTypeName).ShouldContain("tally_opened");
        known.Select(e => e.EventTypeName).ShouldContain("certificate_issued");
    }
}

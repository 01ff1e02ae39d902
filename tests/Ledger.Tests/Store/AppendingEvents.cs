using JasperFx;
using JasperFx.Events;
using Ledger.Marten;
using Ledger.Testing;
using Marten;
using Weasel.Core;

namespace Ledger.Tests.Store;

/// <summary>Appending to streams through the ledger's Marten store (Quick append, stable names, metadata).</summary>
public sealed class AppendingEvents : LedgerStoreTest
{
    protected override void Configure(StoreOptions options) => Tally.Register(options);

    IDocumentSession Registrar()
    {
        var session = Store.LightweightSession();
        session.CorrelationId = "corr-1";
        session.CausationId = "cause-1";
        session.LastModifiedBy = "registrar:siti";
        session.SetHeader(LedgerStore.ReasonHeader, "initial entry");
        return session;
    }

    async Task<IReadOnlyList<IEvent>> StreamAsync(Guid id)
    {
        await using var query = Store.QuerySession();
        return await query.Events.FetchStreamAsync(id);
    }

    async Task StartAsync(Guid id, params object[] events)
    {
        await using var session = Registrar();
        session.Events.StartStream<Tally>(id, events);
        await session.SaveChangesAsync();
    }

    /// <summary>How many transactions wrote the given streams' events (PostgreSQL's <c>xmin</c> of their rows).</summary>
    Task<long> TransactionsThatWroteAsync(params Guid[] streams) => TestDatabase.ScalarAsync<long>(
        $"select count(distinct xmin::text) from \"{Schema}\".mt_events where stream_id = any($1)", streams);

    [Fact]
    public async Task a_started_stream_reads_back_in_order_with_its_metadata()
    {
        var id = Guid.NewGuid();
        var before = await TestDatabase.ScalarAsync<DateTime>("select clock_timestamp()");
        await StartAsync(id, new TallyOpened(id, "Tuban"), new TallyIncremented(id, 2));

        var events = await StreamAsync(id);

        events.Select(e => e.Version).ShouldBe([1L, 2L]);
        events.Select(e => e.EventTypeName).ShouldBe(["tally_opened", "tally_incremented"]);
        events[0].Data.ShouldBe(new TallyOpened(id, "Tuban"));
        events[1].Data.ShouldBe(new TallyIncremented(id, 2));
        events.ShouldAllBe(e => e.StreamId == id);
        events[1].CorrelationId.ShouldBe("corr-1");
        events[1].CausationId.ShouldBe("cause-1");
        events[1].UserName.ShouldBe("registrar:siti");
        events[1].GetHeader(LedgerStore.ReasonHeader)?.ToString().ShouldBe("initial entry");
        // Stamped by PostgreSQL when the transaction began.
        events[1].Timestamp.ShouldBeGreaterThanOrEqualTo(new DateTimeOffset(before, TimeSpan.Zero).AddSeconds(-1));
        events[1].Timestamp.ShouldBeLessThan(DateTimeOffset.UtcNow.AddMinutes(1));
        events[1].Sequence.ShouldBeGreaterThan(events[0].Sequence);
        (await TestDatabase.ScalarAsync<string>($"select type from \"{Schema}\".mt_streams where id = $1", id)).ShouldBe("tally");
    }

    [Fact]
    public async Task appending_at_the_current_version_moves_the_stream_on()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "Jombang"));

        await using (var session = Registrar())
        {
            var stream = await session.Events.FetchForWriting<Tally>(id, 1);
            stream.AppendMany(new TallyIncremented(id, 5), new TallyIncremented(id, 1));
            await session.SaveChangesAsync();
            stream.CurrentVersion.ShouldBe(3);
        }

        await using (var session = Registrar())
        {
            var stream = await session.Events.FetchForWriting<Tally>(id);
            stream.StartingVersion.ShouldBe(3);
            stream.Aggregate.ShouldBe(new Tally("Jombang", 6, 3) { Id = id });
        }
    }

    [Fact]
    public async Task appending_with_the_version_it_will_reach_moves_the_stream_on()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "Jombang"));

        await using (var session = Registrar())
        {
            // Marten's expected version is the one the stream reaches with these events.
            session.Events.Append(id, 3, new TallyIncremented(id, 5), new TallyIncremented(id, 1));
            await session.SaveChangesAsync();
        }

        (await StreamAsync(id)).Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public async Task fetching_for_writing_at_a_stale_version_is_a_concurrency_error_naming_the_stream()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "Serang"), new TallyIncremented(id, 1));

        await using var session = Registrar();
        var error = await Should.ThrowAsync<ConcurrencyException>(() => session.Events.FetchForWriting<Tally>(id, 1));

        // The exception carries the stream; its message tells both versions ("expected 1, but was 2").
        error.Id.ShouldBe(id);
        error.Message.ShouldContain("to be 1, but was 2");
        StreamConflicts.IsConflict(error).ShouldBeTrue();
        StreamConflicts.StreamOf(error).ShouldBe(id);
        (await StreamAsync(id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task appending_at_a_stale_version_is_a_concurrency_error_naming_the_stream()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "Serang"), new TallyIncremented(id, 1));

        await using var session = Registrar();
        // The writer saw version 1 and would take the stream to 2; it is at 2 already.
        session.Events.Append(id, 2, new TallyIncremented(id, 1));
        var error = await Should.ThrowAsync<EventStreamUnexpectedMaxEventIdException>(() => session.SaveChangesAsync());

        // Quick append names the stream but cannot tell the version that beat it ("expected 1 but was -1").
        error.Id.ShouldBe(id);
        error.Message.ShouldContain(id.ToString());
        StreamConflicts.IsConflict(error).ShouldBeTrue();
        (await StreamAsync(id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_stale_version_found_only_on_saving_is_a_concurrency_error_naming_the_stream()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "Serang"));

        await using var stale = Registrar();
        var stream = await stale.Events.FetchForWriting<Tally>(id);
        await using (var other = Registrar())
        {
            other.Events.Append(id, new TallyIncremented(id, 1));
            await other.SaveChangesAsync();
        }
        stream.AppendOne(new TallyIncremented(id, 10));

        var error = await Should.ThrowAsync<ConcurrencyException>(() => stale.SaveChangesAsync());

        StreamConflicts.StreamOf(error).ShouldBe(id);
        (await StreamAsync(id)).Select(e => e.Data).ShouldBe([new TallyOpened(id, "Serang"), new TallyIncremented(id, 1)]);
    }

    [Fact]
    public async Task starting_a_stream_that_exists_is_refused()
    {
        var id = Guid.NewGuid();
        await StartAsync(id, new TallyOpened(id, "Serang"));

        var error = await Should.ThrowAsync<global::Marten.Exceptions.ExistingStreamIdCollisionException>(() => StartAsync(id, new TallyOpened(id, "again")));

        error.Id.ShouldBe(id);
        StreamConflicts.IsConflict(error).ShouldBeTrue();
        StreamConflicts.StreamOf(error).ShouldBe(id);
        (await StreamAsync(id)).Select(e => e.Data).ShouldBe([new TallyOpened(id, "Serang")]);
    }

    [Fact]
    public async Task appending_to_a_missing_stream_at_a_version_is_refused()
    {
        var id = Guid.NewGuid();

        await using (var session = Registrar())
        {
            await Should.ThrowAsync<ConcurrencyException>(() => session.Events.FetchForWriting<Tally>(id, 2));
        }
        await using (var session = Registrar())
        {
            session.Events.Append(id, 3, new TallyIncremented(id, 1));
            StreamConflicts.IsConflict(await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync())).ShouldBeTrue();
        }

        (await StreamAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task appending_at_any_version_creates_or_extends_the_stream()
    {
        var id = Guid.NewGuid();
        foreach (var e in new object[] { new TallyOpened(id, "a"), new TallyIncremented(id, 4) })
        {
            await using var session = Registrar();
            session.Events.Append(id, e);
            await session.SaveChangesAsync();
        }

        (await StreamAsync(id)).Select(e => e.Version).ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task a_unit_of_work_over_several_streams_commits_all_or_nothing()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await StartAsync(b, new TallyOpened(b, "b"));

        await using (var session = Registrar())
        {
            session.Events.StartStream<Tally>(a, new TallyOpened(a, "a"));
            session.Events.Append(b, 7, new TallyIncremented(b, 1));
            await Should.ThrowAsync<ConcurrencyException>(() => session.SaveChangesAsync());
        }

        (await StreamAsync(a)).ShouldBeEmpty();
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".mt_streams where id = $1", a)).ShouldBe(0);
        (await StreamAsync(b)).Count.ShouldBe(1);

        await using (var session = Registrar())
        {
            session.Events.StartStream<Tally>(a, new TallyOpened(a, "a"));
            var stream = await session.Events.FetchForWriting<Tally>(b, 1);
            stream.AppendOne(new TallyIncremented(b, 1));
            await session.SaveChangesAsync();
        }

        (await StreamAsync(a)).Count.ShouldBe(1);
        (await StreamAsync(b)).Count.ShouldBe(2);
        (await TestDatabase.ScalarAsync<long>(
            $"select count(distinct xmin::text) from \"{Schema}\".mt_events where stream_id = $1 or (stream_id = $2 and version = 2)", a, b)).ShouldBe(1);
    }

    [Fact]
    public async Task a_batch_of_a_thousand_events_lands_in_one_transaction_in_order()
    {
        var id = Guid.NewGuid();
        var events = new object[] { new TallyOpened(id, "bulk") }
            .Concat(Enumerable.Range(1, 999).Select(i => new TallyIncremented(id, i))).ToArray();

        await StartAsync(id, events);

        var stored = await StreamAsync(id);
        stored.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 1000).Select(i => (long)i));
        stored.Select(e => e.Data).ShouldBe(events);
        stored.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        stored.Select(e => e.Sequence).ShouldBeUnique();
        (await TransactionsThatWroteAsync(id)).ShouldBe(1);
        await using var query = Store.QuerySession();
        (await query.Events.AggregateStreamAsync<Tally>(id))!.Total.ShouldBe(999 * 1000 / 2);
    }

    [Fact]
    public async Task migrating_again_changes_nothing()
    {
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var migration = await Store.Storage.Database.CreateMigrationAsync();

        migration.Difference.ShouldBe(SchemaPatchDifference.None);
    }
}

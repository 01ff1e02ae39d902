using Ledger.Store;
using Ledger.Testing;

namespace Ledger.Tests.Store;

public sealed class AppendingEvents : StoreTest
{
    protected override EventTypeRegistry CreateRegistry() => Tally.Registry();

    static readonly EventMetadata Registrar = new("registrar:siti", "initial entry", "corr-1", "cause-1");

    [Fact]
    public async Task a_started_stream_reads_back_in_order_with_its_metadata()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, Registrar, new TallyOpened(id, "Tuban"), new TallyIncremented(id, 2));

        var events = await Store.FetchStreamAsync(id);

        events.Select(e => e.Version).ShouldBe([1L, 2L]);
        events.Select(e => e.Type).ShouldBe(["tally_opened", "tally_incremented"]);
        events[0].Data.ShouldBe(new TallyOpened(id, "Tuban"));
        events[1].Metadata.ShouldBe(Registrar);
        events[1].RecordedAt.ShouldBe(Clock.GetUtcNow());
        events[1].Sequence.ShouldBeGreaterThan(events[0].Sequence);
        (await TestDatabase.ScalarAsync<string>($"select type from \"{Schema}\".streams where id = $1", id)).ShouldBe("tally");
    }

    [Fact]
    public async Task appending_at_the_current_version_moves_the_stream_on()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, Registrar, new TallyOpened(id, "Jombang"));

        var result = await Store.AppendAsync(id, 1, Registrar, new TallyIncremented(id, 5), new TallyIncremented(id, 1));

        result.VersionOf(id).ShouldBe(3);
        var state = await Store.FetchForWritingAsync<Tally>(id);
        state.Version.ShouldBe(3);
        state.State.ShouldBe(new Tally("Jombang", 6, 3));
    }

    [Fact]
    public async Task appending_at_a_stale_version_is_a_concurrency_error_naming_both_versions()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, Registrar, new TallyOpened(id, "Serang"), new TallyIncremented(id, 1));

        var error = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(id, 1, Registrar, new TallyIncremented(id, 1)));

        error.StreamId.ShouldBe(id);
        error.ExpectedVersion.ShouldBe(1);
        error.ActualVersion.ShouldBe(2);
        error.Message.ShouldContain(id.ToString());
        (await Store.FetchStreamAsync(id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task starting_a_stream_that_exists_is_refused()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, Registrar, new TallyOpened(id, "Serang"));

        var error = await Should.ThrowAsync<ConcurrencyException>(() => Store.StartStreamAsync<Tally>(id, Registrar, new TallyOpened(id, "again")));

        error.ExpectedVersion.ShouldBe(ExpectedVersion.NoStream);
        error.ActualVersion.ShouldBe(1);
    }

    [Fact]
    public async Task appending_to_a_missing_stream_at_a_version_is_refused()
    {
        var id = Guid.NewGuid();
        var error = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(id, 3, Registrar, new TallyIncremented(id, 1)));
        error.ActualVersion.ShouldBe(0);
    }

    [Fact]
    public async Task appending_at_any_version_creates_or_extends_the_stream()
    {
        var id = Guid.NewGuid();
        await Store.AppendAsync(id, ExpectedVersion.Any, Registrar, new TallyOpened(id, "a"));
        await Store.AppendAsync(id, ExpectedVersion.Any, Registrar, new TallyIncremented(id, 4));

        (await Store.FetchStreamAsync(id)).Select(e => e.Version).ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task a_unit_of_work_over_several_streams_commits_all_or_nothing()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await Store.StartStreamAsync<Tally>(b, Registrar, new TallyOpened(b, "b"));

        var session = Store.OpenSession(Registrar)
            .StartStream<Tally>(a, new TallyOpened(a, "a"))
            .Append(b, 7, new TallyIncremented(b, 1));
        await Should.ThrowAsync<ConcurrencyException>(() => session.SaveChangesAsync());

        (await Store.FetchStreamAsync(a)).ShouldBeEmpty();
        (await Store.FetchStreamAsync(b)).Count.ShouldBe(1);

        var result = await Store.OpenSession(Registrar)
            .StartStream<Tally>(a, new TallyOpened(a, "a"))
            .Append(b, 1, new TallyIncremented(b, 1))
            .SaveChangesAsync();
        result.Events.Count.ShouldBe(2);
        result.Events.Select(e => e.TransactionId).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task a_batch_of_a_thousand_events_lands_in_one_transaction_in_order()
    {
        var id = Guid.NewGuid();
        var events = new object[] { new TallyOpened(id, "bulk") }
            .Concat(Enumerable.Range(1, 999).Select(i => new TallyIncremented(id, i))).ToArray();

        var result = await Store.StartStreamAsync<Tally>(id, Registrar, events);

        result.Events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 1000).Select(i => (long)i));
        result.Events.Select(e => e.Sequence).ShouldBeInOrder();
        var state = await Store.FetchForWritingAsync<Tally>(id);
        state.State.Total.ShouldBe(999 * 1000 / 2);
    }

    [Fact]
    public async Task migrating_again_changes_nothing()
    {
        (await Store.MigrateAsync()).ShouldBeEmpty();
        (await Store.Migrator.CurrentVersionAsync()).ShouldBe(Store.Migrator.LatestVersion);
    }

    [Fact]
    public async Task an_unregistered_event_type_cannot_be_appended()
    {
        var id = Guid.NewGuid();
        await Should.ThrowAsync<InvalidOperationException>(() => Store.StartStreamAsync<Tally>(id, Registrar, new { Stray = 1 }));
        (await Store.FetchStreamAsync(id)).ShouldBeEmpty();
    }
}

using Ledger.Projections.Daemon;
using Ledger.Store;
using Ledger.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.Daemon;

public sealed class ProjectingEvents : DaemonTest
{
    readonly TallyTotalsProjection totals = new();
    readonly AppliedEventsProjection applied = new();

    [Fact]
    public async Task events_are_projected_in_log_order_and_the_checkpoint_reaches_the_last_one()
    {
        var daemon = await StartDaemonAsync([totals, applied]);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(ids.Select(async (id, n) =>
        {
            await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, $"tally {n}"));
            for (var i = 1; i <= 20; i++) await Store.AppendAsync(id, i, EventMetadata.None, new TallyIncremented(id, n));
        }));

        await CaughtUpAsync(daemon, totals.Name);
        await CaughtUpAsync(daemon, applied.Name);

        var log = await Store.ReadCommittedAsync(LogPosition.Start, 1000);
        log.Count.ShouldBe(105);
        var status = await StatusOf(daemon, totals.Name);
        status.Checkpoint.ShouldBe(LogPosition.Of(log[^1]));
        status.Head.ShouldBe(log.Max(e => e.Sequence));
        status.EventsApplied.ShouldBe(105);
        status.IsLeader.ShouldBeTrue();
        status.State.ShouldBe(ProjectionStates.Leading);

        for (var n = 0; n < ids.Length; n++)
            (await TestDatabase.ScalarAsync<int>($"select total from \"{Schema}\".tally_totals where tally_id = $1", ids[n])).ShouldBe(20 * n);
        var order = await TestDatabase.ScalarAsync<long[]>($"select array_agg(seq order by ordinal) from \"{Schema}\".applied_events");
        order.ShouldBe(log.Select(e => e.Sequence).ToArray());
    }

    [Fact]
    public async Task a_restarted_daemon_resumes_where_it_stopped_without_replaying_or_skipping()
    {
        var id = Guid.NewGuid();
        var first = await StartDaemonAsync([totals, applied]);
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "restart"));
        for (var i = 1; i <= 9; i++) await Store.AppendAsync(id, i, EventMetadata.None, new TallyIncremented(id, 1));
        await CaughtUpAsync(first, applied.Name);
        await first.StopAsync(CancellationToken.None);

        for (var i = 10; i <= 19; i++) await Store.AppendAsync(id, i, EventMetadata.None, new TallyIncremented(id, 1));
        (await CountAsync(AppliedEventsProjection.Table)).ShouldBe(10);

        var second = await StartDaemonAsync([totals, applied]);
        await CaughtUpAsync(second, applied.Name);
        await CaughtUpAsync(second, totals.Name);

        (await CountAsync(AppliedEventsProjection.Table)).ShouldBe(20);
        (await CountAsync(AppliedEventsProjection.Table, "applied <> 1")).ShouldBe(0);
        (await TestDatabase.ScalarAsync<int>($"select total from \"{Schema}\".tally_totals where tally_id = $1", id)).ShouldBe(19);
    }

    [Fact]
    public async Task a_poison_event_goes_to_the_dead_letters_and_later_events_are_still_projected()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "good"));
        await Store.AppendAsync(id, 1, EventMetadata.None, new TallyIncremented(id, 2));
        var poison = await Store.AppendAsync(id, 2, EventMetadata.None, new TallyRenamed(id, Tally.Poison));
        await Store.AppendAsync(id, 3, EventMetadata.None, new TallyIncremented(id, 3), new TallyRenamed(id, "after"));

        var daemon = await StartDaemonAsync([totals]);
        await CaughtUpAsync(daemon, totals.Name);

        (await TestDatabase.ScalarAsync<int>($"select total from \"{Schema}\".tally_totals where tally_id = $1", id)).ShouldBe(5);
        (await TestDatabase.ScalarAsync<string>($"select name from \"{Schema}\".tally_totals where tally_id = $1", id)).ShouldBe("after");
        (await TestDatabase.ScalarAsync<string>(
            $"select type || ' v' || version || ': ' || error from \"{Schema}\".projection_dead_letters where projection = $1 and seq = $2",
            totals.Name, poison.LastSequence))
            .ShouldBe("tally_renamed v3: InvalidOperationException: A tally cannot be named 'poison'.");
        (await StatusOf(daemon, totals.Name)).DeadLetters.ShouldBe(1);
    }

    [Fact]
    public async Task told_to_stop_on_error_the_projection_stops_before_the_poison_event()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "good"));
        var good = await Store.AppendAsync(id, 1, EventMetadata.None, new TallyIncremented(id, 2));

        var daemon = await StartDaemonAsync([totals], options: FastOptions(stopOnError: true));
        await CaughtUpAsync(daemon, totals.Name);
        await Store.AppendAsync(id, 2, EventMetadata.None, new TallyRenamed(id, Tally.Poison));
        await Store.AppendAsync(id, 3, EventMetadata.None, new TallyIncremented(id, 3));

        await Eventually.HoldsAsync(async () => (await StatusOf(daemon, totals.Name)).State == ProjectionStates.StoppedOnError,
            "the projection to stop on the poison event");
        var status = await StatusOf(daemon, totals.Name);
        status.Checkpoint.Sequence.ShouldBe(good.LastSequence);
        status.Error.ShouldNotBeNull().ShouldContain("poison");
        (await TestDatabase.ScalarAsync<int>($"select total from \"{Schema}\".tally_totals where tally_id = $1", id)).ShouldBe(2);
        (await CountAsync("projection_dead_letters")).ShouldBe(0);
    }
}

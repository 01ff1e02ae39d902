using Ledger.Testing;
using Marten;
using Marten.Services;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

public sealed class FollowingTheLog : WitnessTest
{
    [Fact]
    public async Task events_are_projected_once_each_in_log_order_and_progress_reaches_the_last_one()
    {
        await StartDaemonAsync();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(ids.Select(async (id, n) =>
        {
            await OpenAsync(id, $"tally {n}");
            for (var i = 1; i <= 20; i++) await AppendAsync(id, new TallyIncremented(id, n));
        }));

        await CaughtUpAsync(Witness);

        (await AppliedAsync()).ShouldBe(105);
        (await AppliedAsync("applied <> 1")).ShouldBe(0);
        var order = await TestDatabase.ScalarAsync<long[]>($"select array_agg(seq order by ordinal) from \"{Schema}\".applied_events");
        order.ShouldBe(order.Order().ToArray());
        (await ProgressAsync(Witness)).ShouldBe(await HeadAsync());
    }

    [Fact]
    public async Task a_restarted_daemon_resumes_where_it_stopped_without_replaying_or_skipping()
    {
        var id = Guid.NewGuid();
        var first = await StartDaemonAsync();
        await OpenAsync(id);
        for (var i = 1; i <= 9; i++) await AppendAsync(id, new TallyIncremented(id, 1));
        await CaughtUpAsync(Witness);
        await first.StopAllAsync();

        for (var i = 10; i <= 19; i++) await AppendAsync(id, new TallyIncremented(id, 1));
        (await AppliedAsync()).ShouldBe(10);

        await StartDaemonAsync(CreateStore());
        await CaughtUpAsync(Witness);

        (await AppliedAsync()).ShouldBe(20);
        (await AppliedAsync("applied <> 1")).ShouldBe(0);
    }

    [Fact]
    public async Task an_event_whose_transaction_stays_open_ten_seconds_while_others_commit_is_projected_in_its_place()
    {
        await StartDaemonAsync();
        var (slow, fast) = (Guid.NewGuid(), Guid.NewGuid());

        // The slow append takes its sequence number now and commits ten seconds later.
        await using var connection = await TestDatabase.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var session = Store.LightweightSession(SessionOptions.ForTransaction(tx)))
        {
            session.Events.StartStream(slow, new TallyOpened(slow, "slow"));
            await session.SaveChangesAsync();
        }
        using var writing = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await OpenAsync(fast, "fast");
        var others = 1;
        while (!writing.IsCancellationRequested)
        {
            await AppendAsync(fast, new TallyIncremented(fast, 1));
            others++;
            // The later events are committed, yet the daemon must not move past the open transaction.
            (await AppliedAsync()).ShouldBe(0);
            await Task.Delay(100, CancellationToken.None);
        }
        await tx.CommitAsync();

        await CaughtUpAsync(Witness);
        (await AppliedAsync()).ShouldBe(others + 1);
        (await AppliedAsync("applied <> 1")).ShouldBe(0);
        (await TestDatabase.ScalarAsync<Guid>($"select stream_id from \"{Schema}\".applied_events order by ordinal limit 1")).ShouldBe(slow);
    }

    [Fact]
    public async Task a_poison_event_goes_to_martens_dead_letters_and_later_events_are_still_projected()
    {
        var id = Guid.NewGuid();
        await OpenAsync(id);
        await AppendAsync(id, new TallyIncremented(id, 2));
        await AppendAsync(id, new TallyRenamed(id, Tally.Poison));
        await AppendAsync(id, new TallyIncremented(id, 3), new TallyRenamed(id, "after"));

        await StartDaemonAsync();
        await CaughtUpAsync(Witness);

        (await AppliedAsync()).ShouldBe(4);
        var poison = await TestDatabase.ScalarAsync<long>($"select seq_id from \"{Schema}\".mt_events where type = 'tally_renamed' and data->>'name' = 'poison'");
        (await AppliedAsync($"seq = {poison}")).ShouldBe(0);
        await Eventually.HoldsAsync(async () => await CountAsync("mt_doc_deadletterevent", $"data->>'eventSequence' = '{poison}' or data::text like '%{poison}%'") == 1,
            "the poison event in Marten's dead letters");
    }
}

using JasperFx;
using Ledger.Projections.ReadModels;
using Ledger.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

public sealed class StoppingOnError : WitnessTest
{
    protected override bool StopOnError => true;

    [Fact]
    public async Task told_to_stop_on_error_the_projection_stops_before_the_poison_event_and_says_so()
    {
        var id = Guid.NewGuid();
        await OpenAsync(id);
        await AppendAsync(id, new TallyIncremented(id, 2));
        var daemon = await StartDaemonAsync();
        await CaughtUpAsync(Witness);
        var good = await ProgressAsync(Witness);

        await AppendAsync(id, new TallyRenamed(id, Tally.Poison));
        await AppendAsync(id, new TallyIncremented(id, 3));

        await Eventually.HoldsAsync(() => Task.FromResult(daemon.StatusFor(ReadModelRebuild.ShardOf(Witness)) == AgentStatus.Paused),
            "the projection to stop on the poison event");
        (await ProgressAsync(Witness)).ShouldBe(good);
        (await AppliedAsync()).ShouldBe(2);
        (await CountAsync("mt_doc_deadletterevent")).ShouldBe(0);
        // The read models themselves keep running.
        var status = await new ReadModelStatusQuery(Database).ReadAsync(daemon);
        status.ReadModels.ShouldAllBe(r => r.State == ReadModelState.Running);
        status.HighWaterMark.ShouldBe(await HeadAsync());
    }
}

using Ledger.Marten;
using Ledger.Testing;
using Npgsql;

namespace Ledger.Tests.Integrity;

public sealed class RefusingChangesToEvents : IntegrityTest
{
    readonly Guid tuban = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AppendAsync(tuban, start: true, new TallyOpened(tuban, "Tuban"), new TallyIncremented(tuban, 1));
    }

    static async Task ShouldBeRefusedAsync(Task change, string naming)
    {
        var refused = await Should.ThrowAsync<PostgresException>(change);
        refused.SqlState.ShouldBe(ImmutableEvents.RefusedState);
        refused.MessageText.ShouldStartWith("the ledger's events are immutable: ");
        refused.MessageText.ShouldContain(naming);
    }

    [Theory]
    [InlineData("data = jsonb_set(data, '{by}', '100')", "the data of event 2")]
    [InlineData("headers = headers || '{\"reason\": \"forged\"}'", "the headers of event 2")]
    [InlineData("headers = headers || '{\"hash\": \"00\"}'", "the headers of event 2")]
    [InlineData("type = 'tally_renamed'", "the type of event 2")]
    [InlineData("version = 7", "the version of event 2")]
    [InlineData("stream_id = gen_random_uuid()", "the stream_id of event 2")]
    [InlineData("seq_id = seq_id + 1000", "the seq_id of event 2")]
    [InlineData("timestamp = timestamp - interval '1 day'", "the timestamp of event 2")]
    [InlineData("user_name = 'intruder', correlation_id = 'x'", "the correlation_id, user_name of event 2")]
    public async Task updating_a_recorded_event_is_refused_naming_the_rule(string change, string naming)
    {
        await ShouldBeRefusedAsync(Sql($"update {{s}}.mt_events set {change} where stream_id = $1 and version = 2", tuban), naming);
    }

    [Fact]
    public async Task deleting_a_recorded_event_is_refused_naming_the_rule()
    {
        await ShouldBeRefusedAsync(Sql("delete from {s}.mt_events where stream_id = $1 and version = 2", tuban), "cannot be deleted");
        await ShouldBeRefusedAsync(Sql("delete from {s}.mt_streams where id = $1", tuban), "cannot be deleted");
        (await TestDatabase.ScalarAsync<long>($"select count(*) from {Schema}.mt_events")).ShouldBe(2);
    }

    [Fact]
    public async Task truncating_the_events_is_refused_naming_the_rule()
    {
        await ShouldBeRefusedAsync(Sql("truncate {s}.mt_events cascade"), "mt_events cannot be truncated");
    }

    [Fact]
    public async Task archiving_a_stream_still_works()
    {
        await using (var session = Store.LightweightSession())
        {
            session.Events.ArchiveStream(tuban);
            await session.SaveChangesAsync();
        }

        (await TestDatabase.ScalarAsync<long>($"select count(*) from {Schema}.mt_events where is_archived")).ShouldBe(2);
        (await Integrity.VerifyAsync()).Failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task checkpoints_cannot_be_changed_or_removed()
    {
        await CheckpointEverythingAsync();

        foreach (var change in new[] { "update {s}.ledger_checkpoints set event_count = 1", "delete from {s}.ledger_checkpoints", "truncate {s}.ledger_checkpoints" })
            (await Should.ThrowAsync<PostgresException>(() => Sql(change))).MessageText.ShouldStartWith("the ledger's checkpoints are append-only");
    }
}

using Ledger.Integrity;
using Ledger.Testing;
using Marten.Services;

namespace Ledger.Tests.Integrity;

public sealed class SigningCheckpoints : IntegrityTest
{
    readonly Guid tuban = Guid.NewGuid(), jombang = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AppendAsync(tuban, start: true, new TallyOpened(tuban, "Tuban"), new TallyIncremented(tuban, 1));
        await AppendAsync(jombang, start: true, new TallyOpened(jombang, "Jombang"));
        await CheckpointEverythingAsync();
    }

    [Fact]
    public async Task a_checkpoint_is_written_only_when_something_new_was_recorded()
    {
        (await Integrity.WriteCheckpointAsync()).ShouldBeNull();
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 1));

        var before = (await Integrity.ReadCheckpointsAsync()).Count;
        await CheckpointEverythingAsync();

        var written = (await Integrity.ReadCheckpointsAsync()).Skip(before).ToList();
        written.ShouldHaveSingleItem().EventCount.ShouldBe(1);
        written[0].Position.ShouldBe(await HeadAsync());
    }

    [Fact]
    public async Task checkpoints_chain_each_onto_the_one_before_and_are_signed()
    {
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 1));
        await CheckpointEverythingAsync();

        var checkpoints = await Integrity.ReadCheckpointsAsync();

        checkpoints.Select(c => c.Number).ShouldBe(Enumerable.Range(1, checkpoints.Count).Select(n => (long)n));
        checkpoints[0].Previous.ShouldBe(new byte[32]);
        for (var i = 1; i < checkpoints.Count; i++) checkpoints[i].Previous.ShouldBe(checkpoints[i - 1].Digest());
        checkpoints.ShouldAllBe(c => Signer.Verify(c.Statement(), c.Signature) && c.KeyId == Signer.KeyId);
        checkpoints[^1].CreatedAt.ShouldBe(Clock.GetUtcNow());
    }

    [Fact]
    public async Task a_checkpoint_resigned_with_another_key_is_detected()
    {
        using var forger = CheckpointSigner.Generate();
        var checkpoint = (await Integrity.ReadCheckpointsAsync())[0];
        await Sql($"alter table {{s}}.ledger_checkpoints disable trigger {CheckpointsTable.TriggerNames[0]}");
        await Sql("update {s}.ledger_checkpoints set signature = $1, key_id = $2 where number = 1", forger.Sign(checkpoint.Statement()), forger.KeyId);

        var report = await Integrity.VerifyAsync();

        var failure = report.Failures.ShouldHaveSingleItem();
        (failure.Check, failure.Checkpoint).ShouldBe((IntegrityChecks.CheckpointSignature, 1L));
    }

    [Fact]
    public async Task a_checkpoint_removed_from_the_middle_breaks_the_chain_of_checkpoints()
    {
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 1));
        await CheckpointEverythingAsync();
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 2));
        await CheckpointEverythingAsync();
        var second = (await Integrity.ReadCheckpointsAsync())[1].Number;
        await Sql($"alter table {{s}}.ledger_checkpoints disable trigger {CheckpointsTable.TriggerNames[1]}");
        await Sql("delete from {s}.ledger_checkpoints where number = $1", second);

        var report = await Integrity.VerifyAsync();

        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.CheckpointChain && f.Checkpoint == second + 1);
        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.CheckpointRange && f.Checkpoint == second + 1);
    }

    [Fact]
    public async Task a_checkpoint_stays_short_of_an_append_still_in_flight_and_covers_it_once_committed()
    {
        var signedBefore = (await Integrity.ReadCheckpointsAsync())[^1].Position;
        await using var connection = await TestDatabase.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var inFlight = Store.LightweightSession(SessionOptions.ForTransaction(tx)))
        {
            inFlight.Events.Append(tuban, new TallyIncremented(tuban, 7));
            await inFlight.SaveChangesAsync();
        }
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 1));

        (await Integrity.WriteCheckpointAsync()).ShouldBeNull();
        (await Integrity.ReadCheckpointsAsync())[^1].Position.ShouldBe(signedBefore);

        await tx.CommitAsync();
        await CheckpointEverythingAsync();
        var last = (await Integrity.ReadCheckpointsAsync())[^1];
        (last.Position, last.EventCount).ShouldBe((await HeadAsync(), 2L));
        (await Integrity.VerifyAsync()).Failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_gap_left_by_a_rolled_back_append_is_covered_once_nothing_can_fill_it()
    {
        await using (var connection = await TestDatabase.DataSource.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using (var abandoned = Store.LightweightSession(SessionOptions.ForTransaction(tx)))
            {
                abandoned.Events.Append(tuban, new TallyIncremented(tuban, 7));
                await abandoned.SaveChangesAsync();
            }
            await tx.RollbackAsync();
        }
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 1));

        await CheckpointEverythingAsync();

        var last = (await Integrity.ReadCheckpointsAsync())[^1];
        last.EventCount.ShouldBe(1);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from {Schema}.mt_events where seq_id = $1", last.Position - 1)).ShouldBe(0);
        (await Integrity.VerifyAsync()).Failures.ShouldBeEmpty();
    }
}

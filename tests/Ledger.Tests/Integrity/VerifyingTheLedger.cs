using Ledger.Store;
using Ledger.Store.Integrity;
using Ledger.Testing;
using Ledger.Tests.Store;

namespace Ledger.Tests.Integrity;

public sealed class VerifyingTheLedger : StoreTest
{
    readonly CheckpointSigner signer = CheckpointSigner.Generate();
    LedgerIntegrity Integrity => new(Store, signer);
    readonly Guid tuban = Guid.NewGuid(), jombang = Guid.NewGuid();

    protected override EventTypeRegistry CreateRegistry() => Tally.Registry();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var who = new EventMetadata("registrar:siti", "entry", "corr-7");
        await Store.StartStreamAsync<Tally>(tuban, who, new TallyOpened(tuban, "Tuban – Siti Ṛahayu ‏عربى"), new TallyIncremented(tuban, 1));
        await Store.StartStreamAsync<Tally>(jombang, who, new TallyOpened(jombang, "Jombang"));
        await CheckpointEverythingAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        await Store.AppendAsync(tuban, 2, who, new TallyIncremented(tuban, 2), new TallyRenamed(tuban, "Tuban"));
        await Store.AppendAsync(jombang, 1, who, new TallyIncremented(jombang, 5));
        await CheckpointEverythingAsync();
    }

    /// <summary>
    /// Checkpoints stay behind transactions still running anywhere in the database (other test classes'
    /// too), so a test that needs everything signed writes checkpoints until the last one covers the head.
    /// </summary>
    async Task CheckpointEverythingAsync()
    {
        var head = await Store.HeadAsync();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await Integrity.WriteCheckpointAsync();
            var last = (await Integrity.ReadCheckpointsAsync()).LastOrDefault();
            if (last is not null && last.Position.Sequence >= head && await CoveredAsync(last)) return;
            await Task.Delay(25);
        }
        throw new TimeoutException("The checkpoints never caught up with the head of the log.");
    }

    async Task<bool> CoveredAsync(Checkpoint last) =>
        await TestDatabase.ScalarAsync<long>(
            $"select count(*) from \"{Schema}\".events where (tx_id, seq) > ($1::text::xid8, $2)", last.Position.TransactionId.ToString(), last.Position.Sequence) == 0;

    async Task<long> SeqOf(Guid stream, int version) =>
        await TestDatabase.ScalarAsync<long>($"select seq from \"{Schema}\".events where stream_id = $1 and version = $2", stream, (long)version);

    Task Sql(string sql, params object[] parameters) => TestDatabase.ExecuteAsync(sql.Replace("{s}", $"\"{Schema}\""), parameters);

    [Fact]
    public async Task an_untouched_ledger_verifies_intact_up_to_its_last_position()
    {
        var report = await Integrity.VerifyAsync();

        report.Failures.ShouldBeEmpty();
        report.EventsChecked.ShouldBe(6);
        report.StreamsChecked.ShouldBe(2);
        report.CheckpointsChecked.ShouldBeGreaterThanOrEqualTo(2);
        report.Summary.ShouldStartWith($"intact up to position {await Store.HeadAsync()}");
    }

    [Fact]
    public async Task altering_an_events_data_is_named_precisely()
    {
        await Sql("update {s}.events set data = jsonb_set(data, '{by}', '100') where stream_id = $1 and version = 2", tuban);

        var failure = (await Integrity.VerifyAsync()).FirstFailure!;

        failure.Check.ShouldBe("event-hash");
        (failure.StreamId, failure.Version, failure.Sequence).ShouldBe((tuban, 2L, await SeqOf(tuban, 2)));
    }

    [Fact]
    public async Task altering_an_events_metadata_is_detected()
    {
        await Sql("update {s}.events set metadata = jsonb_set(metadata, '{actor}', '\"intruder\"') where stream_id = $1 and version = 1", jombang);

        var report = await Integrity.VerifyAsync();

        report.FirstFailure!.Check.ShouldBe("event-hash");
        (report.FirstFailure.StreamId, report.FirstFailure.Version).ShouldBe((jombang, 1L));
    }

    [Fact]
    public async Task altering_an_events_time_is_detected()
    {
        await Sql("update {s}.events set recorded_at = recorded_at - interval '1 day' where stream_id = $1 and version = 3", tuban);

        var failure = (await Integrity.VerifyAsync()).FirstFailure!;

        (failure.Check, failure.StreamId, failure.Version).ShouldBe(("event-hash", tuban, 3L));
    }

    [Fact]
    public async Task deleting_an_event_is_detected_where_the_chain_breaks_and_by_its_checkpoint()
    {
        var removed = await SeqOf(tuban, 2);
        await Sql("delete from {s}.events where stream_id = $1 and version = 2", tuban);

        var report = await Integrity.VerifyAsync();

        var first = report.FirstFailure!;
        (first.Check, first.StreamId, first.Version).ShouldBe(("missing-version", tuban, 3L));
        first.Sequence.ShouldBe(await SeqOf(tuban, 3));
        report.Failures.ShouldContain(f => f.Check == "checkpoint-range");
        removed.ShouldBeLessThan(first.Sequence!.Value);
    }

    [Fact]
    public async Task deleting_a_streams_last_event_and_rewinding_its_head_is_caught_by_the_checkpoint()
    {
        await Sql("delete from {s}.events where stream_id = $1 and version = 2", jombang);
        await Sql("update {s}.streams set version = 1, last_hash = (select hash from {s}.events where stream_id = $1 and version = 1) where id = $1", jombang);

        var report = await Integrity.VerifyAsync();

        var failure = report.Failures.ShouldHaveSingleItem();
        failure.Check.ShouldBe("checkpoint-range");
        report.FirstFailure.ShouldBe(failure);
    }

    [Fact]
    public async Task swapping_two_events_is_detected()
    {
        await Sql("update {s}.events set version = version + 1000 where stream_id = $1 and version in (2, 3)", tuban);
        await Sql("update {s}.events set version = case version when 1002 then 3 else 2 end where stream_id = $1 and version > 1000", tuban);

        var failure = (await Integrity.VerifyAsync()).FirstFailure!;

        (failure.Check, failure.StreamId).ShouldBe(("event-hash", tuban));
    }

    [Fact]
    public async Task a_checkpoint_resigned_with_another_key_is_detected()
    {
        using var forger = CheckpointSigner.Generate();
        var checkpoint = (await Integrity.ReadCheckpointsAsync())[0];
        await Sql("alter table {s}.checkpoints disable trigger checkpoints_append_only");
        await Sql("update {s}.checkpoints set signature = $1, key_id = $2 where number = 1", forger.Sign(checkpoint.Statement()), forger.KeyId);

        var report = await Integrity.VerifyAsync();

        var failure = report.Failures.ShouldHaveSingleItem();
        (failure.Check, failure.Checkpoint).ShouldBe(("checkpoint-signature", 1L));
    }

    [Fact]
    public async Task checkpoints_cannot_be_changed_or_removed()
    {
        await Should.ThrowAsync<Npgsql.PostgresException>(() => Sql("update {s}.checkpoints set event_count = 1"));
        await Should.ThrowAsync<Npgsql.PostgresException>(() => Sql("delete from {s}.checkpoints"));
    }

    [Fact]
    public async Task a_checkpoint_is_written_only_when_something_new_was_recorded()
    {
        (await Integrity.WriteCheckpointAsync()).ShouldBeNull();
        await Store.AppendAsync(jombang, 2, EventMetadata.None, new TallyIncremented(jombang, 1));

        var before = (await Integrity.ReadCheckpointsAsync()).Count;
        await CheckpointEverythingAsync();

        var written = (await Integrity.ReadCheckpointsAsync()).Skip(before).ToList();
        written.ShouldHaveSingleItem().EventCount.ShouldBe(1);
    }

    [Fact]
    public async Task a_streams_proof_checks_out_with_the_public_key_alone()
    {
        var proof = await Integrity.ProveStreamAsync(tuban);

        proof.Events.Count.ShouldBe(4);
        proof.Events.ShouldAllBe(e => e.Inclusion != null);
        StreamProof.Check(proof, signer.PublicKeyPem).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_doctored_proof_or_another_key_fails_the_check()
    {
        var proof = await Integrity.ProveStreamAsync(tuban);
        var doctored = proof with { Events = [.. proof.Events.Select(e => e.Version == 2 ? e with { Data = e.Data.Replace("1", "9") } : e)] };
        using var other = CheckpointSigner.Generate();

        StreamProof.Check(doctored, signer.PublicKeyPem).ShouldContain("event 2 does not match its hash");
        StreamProof.Check(proof, other.PublicKeyPem).ShouldContain(p => p.Contains("is not signed by this key"));
    }

    [Fact]
    public async Task events_recorded_before_the_hash_chain_are_hashed_by_its_migration()
    {
        await Sql("delete from {s}.schema_versions where version >= 4");
        await Sql("alter table {s}.events drop column hash; alter table {s}.streams drop column last_hash; drop function {s}.chain_hashes");
        await Sql("drop function {s}.append_conflict; drop table {s}.checkpoints; drop function {s}.refuse_checkpoint_change");

        await Store.MigrateAsync();

        (await Integrity.VerifyAsync()).Failures.ShouldBeEmpty();
    }
}

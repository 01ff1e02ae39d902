using Ledger.Integrity;
using Ledger.Testing;

namespace Ledger.Tests.Integrity;

public sealed class VerifyingTheLedger : IntegrityTest
{
    readonly Guid tuban = Guid.NewGuid(), jombang = Guid.NewGuid(), kediri = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AppendAsync(tuban, start: true, new TallyOpened(tuban, "Tuban – Siti Ṛahayu ‏عربى"), new TallyIncremented(tuban, 1));
        await AppendAsync(jombang, start: true, new TallyOpened(jombang, "Jombang"));
        await CheckpointEverythingAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        await AppendAsync(tuban, start: false, new TallyIncremented(tuban, 2), new TallyRenamed(tuban, "Tuban"), new TallyIncremented(tuban, 3));
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 5));
        await AppendAsync(kediri, start: true, new TallyOpened(kediri, "Kediri"), new TallyIncremented(kediri, 1), new TallyIncremented(kediri, 2), new TallyIncremented(kediri, 3));
        await CheckpointEverythingAsync();
    }

    [Fact]
    public async Task an_untouched_ledger_verifies_intact_up_to_its_last_position()
    {
        var report = await Integrity.VerifyAsync();

        report.Failures.ShouldBeEmpty();
        report.FailureCount.ShouldBe(0);
        report.EventsChecked.ShouldBe(11);
        report.StreamsChecked.ShouldBe(3);
        report.CheckpointsChecked.ShouldBeGreaterThanOrEqualTo(2);
        report.SignedUpTo.ShouldBe(await HeadAsync());
        report.Summary.ShouldStartWith($"intact up to position {await HeadAsync()}: 11 events in 3 streams");
    }

    [Fact]
    public async Task altering_an_events_data_is_named_precisely()
    {
        await DisableTheGuardAsync();
        await Sql("update {s}.mt_events set data = jsonb_set(data, '{by}', '100') where stream_id = $1 and version = 2", tuban);

        var report = await Integrity.VerifyAsync();

        var failure = report.FirstFailure!;
        failure.Check.ShouldBe(IntegrityChecks.EventHash);
        (failure.StreamId, failure.Version, failure.Position).ShouldBe((tuban, 2L, await PositionOf(tuban, 2)));
        // The checkpoint signed the event's recorded hash, which still stands: the chain names the event, alone.
        report.Failures.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task altering_an_events_headers_or_metadata_is_detected()
    {
        await DisableTheGuardAsync();
        await Sql("update {s}.mt_events set headers = jsonb_set(headers, '{reason}', '\"forged\"') where stream_id = $1 and version = 1", jombang);
        await Sql("update {s}.mt_events set user_name = 'intruder' where stream_id = $1 and version = 1", kediri);

        var named = (await Integrity.VerifyAsync()).Failures.Where(f => f.Check == IntegrityChecks.EventHash).Select(f => (f.StreamId, f.Version));

        named.ShouldBe([(jombang, 1L), (kediri, 1L)], ignoreOrder: true);
    }

    [Fact]
    public async Task altering_an_events_time_is_detected()
    {
        await DisableTheGuardAsync();
        await Sql("update {s}.mt_events set timestamp = timestamp - interval '1 day' where stream_id = $1 and version = 3", tuban);

        var failure = (await Integrity.VerifyAsync()).FirstFailure!;

        (failure.Check, failure.StreamId, failure.Version).ShouldBe((IntegrityChecks.EventHash, tuban, 3L));
    }

    [Fact]
    public async Task rehashing_an_altered_event_breaks_the_link_to_the_next_one()
    {
        await DisableTheGuardAsync();
        // The forger recomputes the altered event's own hash; the event after it still names the old one.
        await Sql("update {s}.mt_events set data = jsonb_set(data, '{by}', '100') where stream_id = $1 and version = 2", tuban);
        await Sql($$"""
            update {s}.mt_events e
            set headers = e.headers || jsonb_build_object('hash', encode(sha256(decode(e.headers ->> 'prev_hash', 'hex') || sha256({{CanonicalEncoding.ContentSql("e")}})), 'hex'))
            where stream_id = $1 and version = 2
            """, tuban);

        var report = await Integrity.VerifyAsync();

        var failure = report.Failures.Where(f => f.Checkpoint is null).ShouldHaveSingleItem();
        (failure.Check, failure.StreamId, failure.Version).ShouldBe((IntegrityChecks.PreviousHash, tuban, 3L));
        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.CheckpointRange);
    }

    [Fact]
    public async Task deleting_an_event_is_detected_where_the_chain_breaks_and_by_its_checkpoint()
    {
        await DisableTheGuardAsync();
        var removed = await PositionOf(tuban, 3);
        await Sql("delete from {s}.mt_events where stream_id = $1 and version = 3", tuban);

        var report = await Integrity.VerifyAsync();

        var first = report.FirstFailure!;
        (first.Check, first.StreamId, first.Version).ShouldBe((IntegrityChecks.MissingVersion, tuban, 4L));
        first.Position.ShouldBe(await PositionOf(tuban, 4));
        removed.ShouldBeLessThan(first.Position!.Value);
        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.CheckpointRange);
    }

    [Fact]
    public async Task deleting_a_streams_last_event_and_rewinding_its_head_is_caught_by_the_checkpoint()
    {
        await DisableTheGuardAsync();
        await Sql("delete from {s}.mt_events where stream_id = $1 and version = 2", jombang);
        await Sql("update {s}.mt_streams set version = 1 where id = $1", jombang);

        var report = await Integrity.VerifyAsync();

        var failure = report.Failures.ShouldHaveSingleItem();
        failure.Check.ShouldBe(IntegrityChecks.CheckpointRange);
        report.FirstFailure.ShouldBe(failure);
    }

    [Fact]
    public async Task deleting_a_streams_last_event_alone_leaves_its_head_behind()
    {
        await DisableTheGuardAsync();
        await Sql("delete from {s}.mt_events where stream_id = $1 and version = 2", jombang);

        var report = await Integrity.VerifyAsync();

        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.StreamHead && f.StreamId == jombang && f.Version == 1);
    }

    [Fact]
    public async Task swapping_two_events_is_detected()
    {
        await DisableTheGuardAsync();
        await Sql("update {s}.mt_events set version = version + 1000 where stream_id = $1 and version in (2, 3)", tuban);
        await Sql("update {s}.mt_events set version = case version when 1002 then 3 else 2 end where stream_id = $1 and version > 1000", tuban);

        var named = (await Integrity.VerifyAsync()).Failures.Where(f => f.Check == IntegrityChecks.EventHash).Select(f => (f.StreamId, f.Version));

        named.ShouldBe([(tuban, 3L), (tuban, 2L)], ignoreOrder: true);
    }

    [Fact]
    public async Task verification_names_every_event_tampered_with()
    {
        await DisableTheGuardAsync();
        await Sql("update {s}.mt_events set data = jsonb_set(data, '{by}', '100') where stream_id = $1 and version = 2", tuban);
        await Sql("update {s}.mt_events set timestamp = timestamp + interval '1 second' where stream_id = $1 and version = 3", tuban);
        await Sql("delete from {s}.mt_events where stream_id = $1 and version = 4", tuban);
        await Sql("update {s}.mt_events set headers = headers || '{\"reason\": \"forged\"}' where stream_id = $1 and version = 1", jombang);
        // Kediri loses its second event and the later ones are renumbered to close the gap.
        await Sql("delete from {s}.mt_events where stream_id = $1 and version = 2", kediri);
        await Sql("update {s}.mt_events set version = version - 1 where stream_id = $1 and version > 2", kediri);

        var report = await Integrity.VerifyAsync();

        report.Failures.Where(f => f.Check is IntegrityChecks.EventHash or IntegrityChecks.MissingVersion)
            .Select(f => (f.StreamId, f.Version)).Distinct()
            .ShouldBe([(tuban, 2L), (tuban, 3L), (tuban, 5L), (jombang, 1L), (kediri, 2L), (kediri, 3L)], ignoreOrder: true);
        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.MissingVersion && f.StreamId == tuban && f.Version == 5);
        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.PreviousHash && f.StreamId == kediri && f.Version == 2);
        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.StreamHead && f.StreamId == kediri);
        report.Failures.ShouldContain(f => f.Check == IntegrityChecks.CheckpointRange);
        report.FailureCount.ShouldBe(report.Failures.Count);
        report.Summary.ShouldStartWith($"NOT intact: {report.FailureCount} failure(s), the first: event 2 of stream {tuban}");
    }

    [Fact]
    public async Task an_event_slipped_in_with_the_chain_switched_off_is_named()
    {
        await Sql($"alter table {{s}}.mt_events disable trigger {Ledger.Marten.HashChain.TriggerName}");
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 9));
        await Sql($"alter table {{s}}.mt_events enable trigger {Ledger.Marten.HashChain.TriggerName}");

        var failure = (await Integrity.VerifyAsync()).FirstFailure!;

        (failure.Check, failure.StreamId, failure.Version).ShouldBe((IntegrityChecks.EventHash, jombang, 3L));
        failure.Description.ShouldContain("has no hash");
    }
}

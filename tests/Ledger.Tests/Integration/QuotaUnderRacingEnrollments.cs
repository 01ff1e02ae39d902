using Ledger.Commands;
using Ledger.Agreements;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Testing;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

public sealed class QuotaUnderRacingEnrollments : DomainTest
{
    [Fact]
    public async Task of_30_parallel_enrollments_under_a_quota_of_10_exactly_10_win()
    {
        await SignAgreementsAsync(quota: 10);
        var artisans = new List<Guid>();
        for (var i = 0; i < 30; i++) artisans.Add(await RegisterAsync(i));

        var (won, lost) = await RaceAsync(30, i => Commands.RecordAsync(new EnrollArtisan(artisans[i], Scheme, PksId, null, Registrar, At)));

        won.ShouldBe(10);
        lost.Count.ShouldBe(20);
        lost.ShouldAllBe(e => e is DomainException && e.Message == $"The 2026 quota of 10 artisans under PKS {PksId} is used up.");
        (await StateAsync<Pks>(PksId)).SeatsTakenIn(2026).ShouldBe(10);
        (await CountEventsAsync("artisan_enrolled")).ShouldBe(10);
        (await CountEventsAsync("pks_quota_seat_taken")).ShouldBe(10);
    }

    [Fact]
    public async Task of_12_parallel_enrollments_into_a_batch_of_5_exactly_5_win()
    {
        await SignAgreementsAsync(quota: 50);
        await PlanBatchAsync(capacity: 5);
        var artisans = new List<Guid>();
        for (var i = 0; i < 12; i++) artisans.Add(await RegisterAsync(i));

        var (won, lost) = await RaceAsync(12, i => Commands.RecordAsync(new EnrollArtisan(artisans[i], Scheme, PksId, BatchId, Registrar, At)));

        won.ShouldBe(5);
        lost.ShouldAllBe(e => e is DomainException && e.Message == "The batch is full: all 5 seats are taken.");
        (await CountEventsAsync("batch_participant_admitted")).ShouldBe(5);
        (await StateAsync<Pks>(PksId)).SeatsTakenIn(2026).ShouldBe(5);
    }

    [Fact]
    public async Task an_enrollment_records_the_seat_and_the_certification_in_one_transaction_with_the_actor()
    {
        await SignAgreementsAsync(quota: 10);
        var artisan = await RegisterAsync(1);

        var result = await Commands.RecordAsync(new EnrollArtisan(artisan, Scheme, PksId, null, Registrar, At),
            new CommandOptions(CorrelationId: "corr-7"));

        result.StreamId.ShouldBe(CertificationStreams.IdFor(artisan, Scheme));
        result.Version.ShouldBe(1);
        result.Events.Select(e => e.EventTypeName).ShouldBe(["artisan_enrolled", "pks_quota_seat_taken"]);
        var recorded = (await StreamAsync(result.StreamId)).Concat((await StreamAsync(PksId)).Skip(1)).ToList();
        recorded.Select(e => e.EventTypeName).ShouldBe(["artisan_enrolled", "pks_quota_seat_taken"]);
        (await TestDatabase.ScalarAsync<long>($"select count(distinct xmin::text) from \"{Schema}\".mt_events where seq_id = any($1)",
            recorded.Select(e => e.Sequence).ToArray())).ShouldBe(1);
        recorded.ShouldAllBe(e => e.UserName == Registrar && e.CorrelationId == "corr-7");
    }
}

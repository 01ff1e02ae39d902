using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Domain;

/// <summary>The days of the facts on artisans, agreements and batches: given or today, never in the future, never before the stream's first fact.</summary>
public sealed class EffectiveDatesOfArtisans
{
    static readonly ArtisanRegistered RegisteredIn2022 =
        new(ArtisanId, "hash", "v1:nik", "v1:name", Gender.Female, 1985, Regency, "IKM Batik Gedog Tuban", new DateOnly(2022, 7, 1), At);

    [Fact]
    public void a_registration_keeps_the_day_of_the_paper_register() =>
        Given<Artisan>().When(s => RegisterArtisan.Decide(s,
                new RegisterArtisan(ArtisanId, "Siti Rahayu", "3523010101850001", Gender.Female, 1985, Regency, "IKM Batik Gedog Tuban", Registrar, At)
                {
                    RegisteredOn = new DateOnly(2022, 7, 1),
                }, new SealedIdentity("hash", "v1:nik", "v1:name")))
            .Then(RegisteredIn2022);

    [Fact]
    public void a_visit_never_precedes_the_registration() =>
        Given<Artisan>(RegisteredIn2022)
            .When(s => RecordMonevVisit.Decide(s, new(ArtisanId, new DateOnly(2022, 6, 30), "Pak Joko", "ok", Registrar, At)))
            .ThenRefused("The visit date 2022-06-30 precedes the registration of 2022-07-01.");

    [Fact]
    public void aid_received_on_the_day_of_the_handover_counts_on_that_day() =>
        Given<Artisan>(RegisteredIn2022)
            .When(s => RecordEquipmentAid.Decide(s, new(ArtisanId, "kompor listrik", 1, PksId, Registrar, At) { ReceivedOn = new DateOnly(2023, 1, 26) }))
            .Then(new EquipmentAidReceived(ArtisanId, "kompor listrik", 1, PksId, new DateOnly(2023, 1, 26), At));

    [Fact]
    public void a_trainer_is_qualified_on_a_day_the_certificate_was_in_force_even_if_it_has_expired_since()
    {
        var issuedOn = new DateOnly(2022, 12, 20);
        var certification = new object[]
        {
            new ArtisanEnrolled(CertificationId, ArtisanId, Scheme, Regency, PksId, null, 2022, new DateOnly(2022, 8, 1), At),
            new CertificateIssued(CertificationId, Number, "BLK-1", Scheme, ["C.13BTK01.001.2"], "LSPBATIK", issuedOn, IssueCertificate.ValidUntil(issuedOn), At),
            new CertificateExpired(CertificationId, Number, IssueCertificate.ValidUntil(issuedOn), At),
        }.Aggregate(Certification.Initial, Certification.Fold);
        var qualify = new QualifyAsTrainer(ArtisanId, Scheme, Registrar, At);

        Given<Artisan>(RegisteredIn2022).When(s => QualifyAsTrainer.Decide(s, certification, qualify with { QualifiedOn = new DateOnly(2024, 2, 1) }))
            .Then(new ArtisanQualifiedAsTrainer(ArtisanId, Scheme, Number, new DateOnly(2024, 2, 1), At));
        Given<Artisan>(RegisteredIn2022).When(s => QualifyAsTrainer.Decide(s, certification, qualify))
            .ThenRefused($"none was in force on {Today:yyyy-MM-dd}");
    }
}

public sealed class EffectiveDatesOfAgreements
{
    static readonly Pks Signed = new object[] { PksSigned() }.Aggregate(Pks.Initial, Pks.Fold);

    static AmendPks Amend(DateOnly? on) => new(PksId, "ADD-01/2025", null, 15, null, null, "budget doubled", Registrar, At) { AmendedOn = on };

    [Fact]
    public void an_amendment_never_precedes_the_signing() =>
        Given<Pks>(PksSigned()).When(s => AmendPks.Decide(s, Amend(new DateOnly(2025, 1, 31))))
            .ThenRefused("The amendment date 2025-01-31 precedes the signing of 2025-02-01.");

    [Fact]
    public void a_new_quota_is_judged_against_the_seats_of_the_amendment_year()
    {
        object[] seated = [PksSigned(), .. Enumerable.Range(0, 3).Select(_ => new PksQuotaSeatTaken(PksId, 2025, Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2025, 3, 1), At))];
        Given<Pks>(seated).When(s => AmendPks.Decide(s, Amend(new DateOnly(2025, 6, 1)) with { YearlyQuota = 2 }))
            .ThenRefused("The quota cannot go below the 3 artisans already enrolled under this PKS in 2025.");
        Given<Pks>(seated).When(s => AmendPks.Decide(s, Amend(new DateOnly(2026, 1, 10)) with { YearlyQuota = 2 }))
            .Then(new PksAmended(PksId, "ADD-01/2025", null, 2, null, null, new DateOnly(2026, 1, 10), At));
    }

    [Fact]
    public void a_termination_never_precedes_the_signing_nor_lies_in_the_future()
    {
        Given<Pks>(PksSigned()).When(s => TerminatePks.Decide(s, new(PksId, new DateOnly(2025, 1, 1), "merged", Registrar, At)))
            .ThenRefused("The termination date 2025-01-01 precedes the signing of 2025-02-01.");
        Given<Pks>(PksSigned()).When(s => TerminatePks.Decide(s, new(PksId, Today.AddDays(1), "merged", Registrar, At)))
            .ThenRefused($"The termination date {Today.AddDays(1):yyyy-MM-dd} is in the future");
    }

    [Fact]
    public void a_pks_is_in_force_before_its_termination_took_effect_and_not_from_that_day()
    {
        var ended = PksTerminated();
        ended.IsInForceOn(new DateOnly(2025, 6, 30)).ShouldBeTrue();
        ended.IsInForceOn(new DateOnly(2025, 7, 1)).ShouldBeFalse();
        Signed.IsInForceOn(new DateOnly(2025, 1, 31)).ShouldBeFalse();
    }

    static Pks PksTerminated() =>
        new object[] { PksSigned(), new PksTerminated(PksId, "merged", new DateOnly(2025, 7, 1), At) }.Aggregate(Pks.Initial, Pks.Fold);
}

public sealed class EffectiveDatesOfBatches
{
    static readonly BatchPlanned Planned =
        new(BatchId, PksId, "BBSPJIKB", "Balai Desa", Scheme, new DateOnly(2022, 8, 1), new DateOnly(2022, 8, 5), 20, new DateOnly(2022, 7, 15), At);

    [Fact]
    public void an_admission_never_precedes_the_planning_of_the_batch()
    {
        var siti = new object[] { ArtisanRegistered() }.Aggregate(Artisan.Initial, Artisan.Fold);
        var pks = new object[]
        {
            new PksSigned(PksId, MouId, Regency, "Dinas", "Kepala Dinas", "Kepala BBSPJIKB", new DateOnly(2022, 2, 1), new DateOnly(2023, 12, 31), [Scheme], 10, null, At),
        }.Aggregate(Pks.Initial, Pks.Fold);
        var batch = new object[] { Planned }.Aggregate(Batch.Initial, Batch.Fold);

        Should.Throw<Ledger.Domain.DomainException>(() => EnrollArtisan.Decide(Certification.Initial, siti, pks, batch,
                new EnrollArtisan(ArtisanId, Scheme, PksId, BatchId, Registrar, At) { EnrolledOn = new DateOnly(2022, 7, 14) }))
            .Message.ShouldBe("The enrollment date 2022-07-14 precedes the planning of the batch of 2022-07-15.");
    }

    [Fact]
    public void a_batch_is_completed_on_a_day_after_its_last_admission_and_its_last_day()
    {
        var admitted = new BatchParticipantAdmitted(BatchId, CertificationId, ArtisanId, new DateOnly(2022, 8, 6), At);
        Given<Batch>(Planned, admitted).When(s => CompleteBatch.Decide(s, new(BatchId, Registrar, At) { CompletedOn = new DateOnly(2022, 8, 5) }))
            .ThenRefused("The completion date 2022-08-05 precedes the latest admission to the batch of 2022-08-06.");
        Given<Batch>(Planned, admitted).When(s => CompleteBatch.Decide(s, new(BatchId, Registrar, At) { CompletedOn = new DateOnly(2022, 8, 6) }))
            .Then(new BatchCompleted(BatchId, 1, new DateOnly(2022, 8, 6), At));
    }
}

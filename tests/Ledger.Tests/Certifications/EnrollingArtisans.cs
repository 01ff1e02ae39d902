using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Tests.Domain;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Certifications;

public sealed class EnrollingArtisans
{
    static T Fold<T>(params object[] events) where T : IAggregate<T> => events.Aggregate(T.Initial, T.Fold);

    static readonly Artisan Siti = Fold<Artisan>(ArtisanRegistered());
    static readonly EnrollArtisan Enroll = new(ArtisanId, Scheme, PksId, null, Registrar, At);

    [Fact]
    public void enrolling_takes_a_seat_of_the_regency_quota_for_the_year()
    {
        var enrollment = EnrollArtisan.Decide(Certification.Initial, Siti, Fold<Pks>(PksSigned()), null, Enroll);

        enrollment.Certification.ShouldBe([new ArtisanEnrolled(CertificationId, ArtisanId, Scheme, Regency, PksId, null, 2026, Today, At)]);
        enrollment.QuotaSeat.ShouldBe(new PksQuotaSeatTaken(PksId, 2026, CertificationId, ArtisanId, Today, At));
        enrollment.BatchSeat.ShouldBeNull();
    }

    [Fact]
    public void the_certification_stream_is_the_same_for_the_same_artisan_and_scheme_and_differs_by_scheme()
    {
        CertificationStreams.IdFor(ArtisanId, "pembatik-tulis").ShouldBe(CertificationId);
        CertificationStreams.IdFor(ArtisanId, "PEWARNA-BATIK").ShouldNotBe(CertificationId);
    }

    [Fact]
    public void enrolling_beyond_the_yearly_quota_is_refused()
    {
        var full = Fold<Pks>(PksSigned(quota: 1), new PksQuotaSeatTaken(PksId, 2026, Guid.NewGuid(), Guid.NewGuid(), Today, At));

        Should.Throw<Ledger.Domain.DomainException>(() => EnrollArtisan.Decide(Certification.Initial, Siti, full, null, Enroll))
            .Message.ShouldBe($"The 2026 quota of 1 artisans under PKS {PksId} is used up.");
    }

    [Fact]
    public void seats_of_last_year_do_not_count_against_this_year()
    {
        var lastYear = Fold<Pks>(PksSigned(quota: 1), new PksQuotaSeatTaken(PksId, 2025, Guid.NewGuid(), Guid.NewGuid(), null, At.AddYears(-1)));
        EnrollArtisan.Decide(Certification.Initial, Siti, lastYear, null, Enroll).QuotaSeat.ShouldBeOfType<PksQuotaSeatTaken>().Year.ShouldBe(2026);
    }

    [Fact]
    public void an_artisan_of_another_regency_is_refused()
    {
        var serang = Fold<Artisan>(ArtisanRegistered("36.04"));
        Should.Throw<Ledger.Domain.DomainException>(() => EnrollArtisan.Decide(Certification.Initial, serang, Fold<Pks>(PksSigned()), null, Enroll))
            .Message.ShouldContain("regency 36.04");
    }

    [Fact]
    public void enrolling_twice_in_the_same_scheme_is_refused()
    {
        Should.Throw<Ledger.Domain.DomainException>(() => EnrollArtisan.Decide(Fold<Certification>(Enrolled), Siti, Fold<Pks>(PksSigned()), null, Enroll))
            .Message.ShouldContain("already enrolled");
    }

    [Fact]
    public void enrolling_in_a_full_batch_is_refused_and_a_free_seat_is_taken()
    {
        var planned = new BatchPlanned(BatchId, PksId, "BBSPJIKB", "Balai Desa Kedungrejo", Scheme, Today, Today.AddDays(4), 1, Today, At);
        var command = Enroll with { BatchId = BatchId };

        EnrollArtisan.Decide(Certification.Initial, Siti, Fold<Pks>(PksSigned()), Fold<Batch>(planned), command)
            .BatchSeat.ShouldBe(new BatchParticipantAdmitted(BatchId, CertificationId, ArtisanId, Today, At));

        var full = Fold<Batch>(planned, new BatchParticipantAdmitted(BatchId, Guid.NewGuid(), Guid.NewGuid(), Today, At));
        Should.Throw<Ledger.Domain.DomainException>(() => EnrollArtisan.Decide(Certification.Initial, Siti, Fold<Pks>(PksSigned()), full, command))
            .Message.ShouldBe("The batch is full: all 1 seats are taken.");
    }

    [Fact]
    public void a_terminated_pks_takes_no_enrollment()
    {
        var ended = Fold<Pks>(PksSigned(), new PksTerminated(PksId, "regency budget withdrawn", Today, At));
        Should.Throw<Ledger.Domain.DomainException>(() => EnrollArtisan.Decide(Certification.Initial, Siti, ended, null, Enroll))
            .Message.ShouldContain("not in force");
    }
}

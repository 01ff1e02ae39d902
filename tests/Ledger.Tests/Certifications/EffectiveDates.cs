using System.Text.Json;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Domain;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

/// <summary>
/// A 2022 cohort recorded years later: each fact carries the day it happened, given by the registrar or today in
/// Asia/Jakarta, never in the future and never before what the certification already holds.
/// </summary>
public sealed class EffectiveDatesOfACertification
{
    /// <summary>Late on a Sunday evening in UTC, already Monday morning in Jakarta.</summary>
    static readonly DateTimeOffset SundayEveningUtc = new(2026, 11, 29, 19, 30, 0, TimeSpan.Zero);

    static readonly DateOnly EnrolledOn = new(2022, 8, 1);
    static readonly DateOnly AssessedOn = new(2022, 8, 4);
    static readonly DateOnly DecidedOn = new(2022, 8, 10);
    static readonly DateOnly IssuedOn = new(2022, 12, 20);

    static object[] Decided2022 =>
    [
        new ArtisanEnrolled(CertificationId, ArtisanId, Scheme, Regency, PksId, null, 2022, EnrolledOn, At),
        new ApplicationAccepted(CertificationId, EnrolledOn, At),
        new AssessmentRecorded(CertificationId, 1, Assessor, "TUK Sewaktu Tuban", AssessedOn, [UnitsK[0]], Competence.Competent, At),
        new CertificationDecided(CertificationId, 1, Competence.Competent, ["Rina Wati"], DecidedOn, At),
    ];

    static IssueCertificate Issue(DateOnly? on) => new(CertificationId, "BLK-2022-17", "LSPBATIK", Registrar, At) { IssuedOn = on };

    [Fact]
    public void a_fact_given_no_date_happened_today_in_jakarta()
    {
        var decided = DecideCertification.Decide(Given<Certification>(Enrolled, Accepted, Assessed()).State,
            new DecideCertification(CertificationId, Competence.Competent, ["Rina Wati"], Registrar, SundayEveningUtc));

        decided.ShouldHaveSingleItem().ShouldBeOfType<CertificationDecided>().DecidedOn.ShouldBe(new DateOnly(2026, 11, 30));
    }

    [Fact]
    public void a_backdated_issue_is_valid_three_years_from_its_issue_date_and_numbered_in_its_year()
    {
        var issuance = IssueCertificate.Decide(Given<Certification>(Decided2022).State, CertificateNumbering.Initial, Issue(IssuedOn));

        var issued = issuance.Certification.ShouldHaveSingleItem().ShouldBeOfType<CertificateIssued>();
        issued.ValidFrom.ShouldBe(IssuedOn);
        issued.ValidUntil.ShouldBe(new DateOnly(2025, 12, 19));
        issued.CertificateNumber.ShouldStartWith("LSPBATIK-2022-000001-");
        issuance.NumberingId.ShouldBe(CertificateNumbering.StreamIdFor("LSPBATIK", 2022));
        issuance.Number.IssuedOn.ShouldBe(IssuedOn);
    }

    [Fact]
    public void an_issue_never_precedes_its_decision() =>
        Given<Certification>(Decided2022)
            .When(s => IssueCertificate.Decide(s, CertificateNumbering.Initial, Issue(new DateOnly(2022, 8, 9))).Certification)
            .ThenRefused("The issue date 2022-08-09 precedes the decision of 2022-08-10.");

    [Fact]
    public void a_decision_never_precedes_its_assessment() =>
        Given<Certification>(Decided2022.Take(3).ToArray())
            .When(s => DecideCertification.Decide(s, new(CertificationId, Competence.Competent, ["Rina Wati"], Registrar, At) { DecidedOn = new DateOnly(2022, 8, 3) }))
            .ThenRefused("The decision date 2022-08-03 precedes the assessment of 2022-08-04.");

    [Fact]
    public void an_assessment_never_precedes_the_acceptance_of_the_application() =>
        Given<Certification>(Decided2022.Take(2).ToArray())
            .When(s => RecordAssessment.Decide(s, new(CertificationId, Assessor, "TUK Sewaktu Tuban", new DateOnly(2022, 7, 30), UnitsK, Registrar, At)))
            .ThenRefused("The assessment date 2022-07-30 precedes the acceptance of 2022-08-01.");

    [Fact]
    public void a_date_after_today_in_jakarta_is_refused() =>
        Given<Certification>(Decided2022)
            .When(s => IssueCertificate.Decide(s, CertificateNumbering.Initial, Issue(Today.AddDays(1))).Certification)
            .ThenRefused("The issue date 2026-03-03 is in the future: today is 2026-03-02 in Asia/Jakarta.");

    [Fact]
    public void a_revocation_never_precedes_a_freeze_recorded_before_it() =>
        Given<Certification>([.. Decided2022, IssuedIn2022, new CertificateFrozen(CertificationId, NumberIn2022, "misuse", new DateOnly(2023, 5, 2), At)])
            .When(s => RevokeCertificate.Decide(s, new(CertificationId, "ethics breach", Registrar, At) { RevokedOn = new DateOnly(2023, 5, 1) }))
            .ThenRefused("The revocation date 2023-05-01 precedes the freeze of 2023-05-02.");

    [Fact]
    public void a_certificate_recorded_after_its_validity_ended_is_expired_and_its_expiry_is_due_at_once()
    {
        var decided = new StreamState<Certification>(CertificationId, Given<Certification>(Decided2022).State, 4);
        var issued = IssueCertificate.Decide(decided.State, CertificateNumbering.Initial, Issue(IssuedOn)).Certification;

        issued.Aggregate(decided.State, Certification.Fold).StatusOn(Today).ShouldBe(VerificationStatus.Expired);
        var due = CertificateExpiryDue.After(decided, issued).ShouldNotBeNull();
        due.DueAt().ShouldBe(Days.StartInJakarta(new DateOnly(2025, 12, 20)));
        due.DueAt().ShouldBeLessThan(At);
    }

    [Fact]
    public void a_handover_recorded_after_the_expiry_keeps_the_day_it_happened()
    {
        var expired = new CertificateExpired(CertificationId, NumberIn2022, new DateOnly(2025, 12, 19), Days.StartInJakarta(new DateOnly(2025, 12, 20)));

        Given<Certification>([.. Decided2022, IssuedIn2022, expired])
            .When(s => HandOverCertificate.Decide(s, new(CertificationId, "Bupati Jombang", "Pendopo Kabupaten Jombang", Registrar, At) { HandedOverOn = new DateOnly(2023, 1, 26) }))
            .Then(new CertificateHandedOver(CertificationId, NumberIn2022, "BLK-2022-17", "Bupati Jombang", "Pendopo Kabupaten Jombang", new DateOnly(2023, 1, 26), At));
    }

    static string NumberIn2022 => new CertificateNumber("LSPBATIK", 2022, 1).ToString();

    static CertificateIssued IssuedIn2022 =>
        new(CertificationId, NumberIn2022, "BLK-2022-17", Scheme, [UnitsK[0].UnitCode], "LSPBATIK", IssuedOn, IssueCertificate.ValidUntil(IssuedOn), At);
}

/// <summary>A quota seat counts in the year of the enrollment's date: Tuban's 2022 and 2023 cohorts of 10, recorded in 2026.</summary>
public sealed class EnrollingInThePast
{
    static readonly Artisan Siti = new object[] { ArtisanRegistered() }.Aggregate(Artisan.Initial, Artisan.Fold);

    static Pks TubanPks(params object[] seats) =>
        seats.Prepend(new PksSigned(PksId, MouId, Regency, "Dinas Koperasi UKM Perindustrian dan Perdagangan Kabupaten Tuban", "Kepala Dinas",
            "Kepala BBSPJIKB", new DateOnly(2022, 1, 17), new DateOnly(2023, 12, 31), [Scheme], 10, "kompor listrik", At)).Aggregate(Pks.Initial, Pks.Fold);

    static object[] TenSeatsIn(int year) =>
        [.. Enumerable.Range(0, 10).Select(_ => new PksQuotaSeatTaken(PksId, year, Guid.NewGuid(), Guid.NewGuid(), new DateOnly(year, 3, 1), At))];

    static EnrollArtisan EnrollOn(DateOnly day) => new(ArtisanId, Scheme, PksId, null, Registrar, At) { EnrolledOn = day };

    [Fact]
    public void an_enrollment_in_2023_takes_a_seat_of_2023_while_2022_is_full()
    {
        var enrollment = EnrollArtisan.Decide(Certification.Initial, Siti, TubanPks(TenSeatsIn(2022)), null, EnrollOn(new DateOnly(2023, 3, 14)));

        enrollment.QuotaSeat.ShouldBe(new PksQuotaSeatTaken(PksId, 2023, CertificationId, ArtisanId, new DateOnly(2023, 3, 14), At));
        enrollment.Certification.ShouldHaveSingleItem().ShouldBeOfType<ArtisanEnrolled>().QuotaYear.ShouldBe(2023);
    }

    [Fact]
    public void an_enrollment_in_a_full_year_names_that_year() =>
        Should.Throw<DomainException>(() => EnrollArtisan.Decide(Certification.Initial, Siti, TubanPks(TenSeatsIn(2022)), null, EnrollOn(new DateOnly(2022, 9, 1))))
            .Message.ShouldBe($"The 2022 quota of 10 artisans under PKS {PksId} is used up.");

    [Fact]
    public void an_enrollment_before_the_pks_was_signed_names_its_term() =>
        Should.Throw<DomainException>(() => EnrollArtisan.Decide(Certification.Initial, Siti, TubanPks(), null, EnrollOn(new DateOnly(2021, 12, 1))))
            .Message.ShouldBe("The PKS is not in force on the enrollment date 2021-12-01: it runs from 2022-01-17 to 2023-12-31.");

    [Fact]
    public void an_enrollment_dated_before_the_pks_ended_still_falls_under_it()
    {
        var ended = TubanPks(new PksExpired(PksId, new DateOnly(2023, 12, 31), At));
        EnrollArtisan.Decide(Certification.Initial, Siti, ended, null, EnrollOn(new DateOnly(2023, 6, 1))).QuotaSeat
            .ShouldBeOfType<PksQuotaSeatTaken>().Year.ShouldBe(2023);
    }
}

/// <summary>Events recorded before effective dates were kept carry none: they read as the day they were recorded, in Asia/Jakarta.</summary>
public sealed class ReadingEventsRecordedWithoutADate
{
    static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web);

    [Fact]
    public void an_old_decision_reads_as_the_day_it_was_recorded_in_jakarta()
    {
        var old = JsonSerializer.Deserialize<CertificationDecided>(
            """{"certificationId":"6f1c3c1e-8f0a-4d6b-9a57-1c2b3d4e5f60","attempt":1,"decision":"Competent","panel":["Rina Wati"],"decidedAt":"2025-05-01T20:00:00+00:00"}""",
            Stored)!;

        old.DecidedOn.ShouldBeNull();
        old.EffectiveOn.ShouldBe(new DateOnly(2025, 5, 2));
    }

    [Fact]
    public void a_new_event_stores_its_date_and_not_the_date_it_is_read_as()
    {
        var json = JsonSerializer.Serialize(new CertificationDecided(CertificationId, 1, Competence.Competent, ["Rina Wati"], new DateOnly(2022, 8, 10), At), Stored);

        json.ShouldContain("\"decidedOn\":\"2022-08-10\"");
        json.ShouldNotContain("effectiveOn");
    }

    [Fact]
    public void old_events_fold_into_the_latest_fact_by_the_day_they_were_recorded()
    {
        var state = Given<Certification>(
            new ArtisanEnrolled(CertificationId, ArtisanId, Scheme, Regency, PksId, null, 2025, null, new DateTimeOffset(2025, 4, 30, 18, 0, 0, TimeSpan.Zero)),
            new ApplicationAccepted(CertificationId, null, new DateTimeOffset(2025, 5, 1, 20, 0, 0, TimeSpan.Zero))).State;

        state.Latest.ShouldBe(new LatestFact(CertificationFacts.Acceptance, new DateOnly(2025, 5, 2)));
    }
}

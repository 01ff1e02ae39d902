using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Querying;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Projections.Tests.Support;

namespace Projections.Tests.EffectiveDates;

/// <summary>
/// Jombang's 2022 cohort, recorded in 2026 from its paper register: enrolled and assessed in August 2022, the certificate
/// issued in December 2022 and handed over on 26 January 2023 with the equipment aid, expired since. Every read model
/// counts each fact in the year it happened, none in the year it was typed.
/// </summary>
public sealed class CountingABackdatedCohort : CertificationScenario
{
    const string Jombang = "35.17";
    static readonly DateOnly EnrolledOn = new(2022, 8, 1);
    static readonly DateOnly AssessedOn = new(2022, 8, 4);
    static readonly DateOnly DecidedOn = new(2022, 8, 10);
    static readonly DateOnly IssuedOn = new(2022, 12, 20);
    static readonly DateOnly HandedOverOn = new(2023, 1, 26);

    readonly Guid mouId = Guid.NewGuid();
    readonly Guid pksId = Guid.NewGuid();

    async Task SignIn2022Async()
    {
        await AppendAsync(mouId, new MouSigned(mouId, Jombang, "BBSPJIKB Yogyakarta", "Bupati Jombang", "Kepala BBSPJIKB",
            new DateOnly(2022, 1, 10), new DateOnly(2026, 12, 31), At));
        await AppendAsync(pksId, new PksSigned(pksId, mouId, Jombang, "Dinas Perindustrian Kabupaten Jombang", "Kepala Dinas", "Kepala BBSPJIKB",
            new DateOnly(2022, 2, 1), new DateOnly(2026, 12, 31), [Scheme], 10, "kompor listrik", At));
    }

    /// <summary>An artisan of 2022 enrolled, assessed and decided as <paramref name="outcome"/>, all recorded today.</summary>
    async Task<(Guid Artisan, Guid Certification)> AssessedIn2022Async(Competence outcome)
    {
        var artisan = Guid.NewGuid();
        var certification = CertificationStreams.IdFor(artisan, Scheme);
        await AppendAsync(artisan, new ArtisanRegistered(artisan, Convert.ToHexString(Guid.NewGuid().ToByteArray()), "v1:nik", "v1:name", Gender.Female, 1980,
            Jombang, "IKM Batik Jombang", new DateOnly(2022, 7, 1), At));
        await AppendAsync(certification,
            new ArtisanEnrolled(certification, artisan, Scheme, Jombang, pksId, null, EnrolledOn.Year, EnrolledOn, At),
            new ApplicationAccepted(certification, EnrolledOn, At),
            new AssessmentRecorded(certification, 1, "Budi Santoso", "TUK Sewaktu Jombang", AssessedOn,
                [new UnitAssessment("C.13BTK01.001.2", outcome, EvidenceMethod.Observation)], outcome, At),
            new CertificationDecided(certification, 1, outcome, ["Rina Wati"], DecidedOn, At));
        return (artisan, certification);
    }

    async Task<Guid> CertifiedIn2022AndHandedOverIn2023Async()
    {
        var (artisan, certification) = await AssessedIn2022Async(Competence.Competent);
        var number = new CertificateNumber(Lsp, 2022, 1).ToString();
        await AppendAsync(certification,
            new CertificateIssued(certification, number, "BNSP-B 0022017", Scheme, ["C.13BTK01.001.2"], Lsp, IssuedOn, IssueCertificate.ValidUntil(IssuedOn), At),
            new CertificateHandedOver(certification, number, "BNSP-B 0022017", "Bupati Jombang", "Pendopo Kabupaten Jombang", HandedOverOn, At),
            new CertificateExpired(certification, number, IssueCertificate.ValidUntil(IssuedOn), At));
        await AppendAsync(artisan, new EquipmentAidReceived(artisan, "kompor listrik", 1, pksId, HandedOverOn, At));
        return artisan;
    }

    [Fact]
    public async Task every_read_model_counts_the_cohort_in_the_years_its_facts_happened()
    {
        await StartDaemonAsync();
        await SignIn2022Async();
        var certified = await CertifiedIn2022AndHandedOverIn2023Async();
        await AssessedIn2022Async(Competence.NotYetCompetent);
        await AllCaughtUpAsync();

        var totals = (await new RegencyTotalsQuery(Database).RegenciesAsync(new ReadModelFilter(Regency: Jombang))).Items;
        totals.ShouldHaveSingleItem().ShouldBe(new RegencyTotal(2022, Jombang, "Kabupaten Jombang", "35", "Jawa Timur", Scheme, 1, 0, 0));

        var progress = (await new TargetProgressQuery(Database, new TargetProgressOptions(), Clock).YearsAsync(2022)).ShouldHaveSingleItem();
        progress.Certified.ShouldBe(1);
        progress.Months[11].ShouldBe(new MonthlyProgress(12, 1, 1, 1, 1));
        (await new TargetProgressQuery(Database, new TargetProgressOptions(), Clock).YearsAsync(2026)).Sum(y => y.Certified).ShouldBe(0);

        var outcomes = (await new AssessmentOutcomesQuery(Database).OutcomesAsync(new ReadModelFilter())).Items;
        outcomes.ShouldHaveSingleItem().ShouldBe(new AssessmentOutcome(2022, Scheme, "TUK Sewaktu Jombang", "Budi Santoso", 2, 1, 1, 0.5m, 0, 0));

        var agreements = (await new AgreementQuotasQuery(Database).AgreementsAsync(new ReadModelFilter(Regency: Jombang))).Items;
        var in2022 = agreements.Single(a => a.Year == 2022);
        (in2022.Quota, in2022.Enrolled, in2022.Certified, in2022.AidDelivered).ShouldBe((10, 2, 1, 0));
        agreements.Single(a => a.Year == 2023).AidDelivered.ShouldBe(1);
        agreements.ShouldNotContain(a => a.Year == 2026);
        var signedIn2022 = (await new AgreementQuotasQuery(Database).AgreementsAsync(new ReadModelFilter(Regency: Jombang, SignedYear: 2022))).Items;
        signedIn2022.Select(a => a.Year).ShouldBe([2022, 2023]);
        (await new AgreementQuotasQuery(Database).AgreementsAsync(new ReadModelFilter(Regency: Jombang, SignedYear: 2023))).Items.ShouldBeEmpty();
        (await new AgreementQuotasQuery(Database).AgreementsAsync(new ReadModelFilter(Year: 2023, Regency: Jombang, SignedYear: 2022))).Items
            .ShouldHaveSingleItem().AidDelivered.ShouldBe(1);

        var profile = (await new ArtisanProfilesQuery(Database).FindAsync(certified)).ShouldNotBeNull();
        profile.RegisteredOn.ShouldBe(new DateOnly(2022, 7, 1));
        profile.Certifications.ShouldHaveSingleItem().EnrolledOn.ShouldBe(EnrolledOn);
        profile.Certifications.Single().Status.ShouldBe("expired");
        profile.Aid.ShouldHaveSingleItem().ReceivedOn.ShouldBe(HandedOverOn);
    }
}

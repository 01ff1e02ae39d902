using Ledger.Projections;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Querying;
using Ledger.Projections.ReadModels;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Projections.Tests.Support;

namespace Projections.Tests.RegencyTotals;

public sealed class CountingCertifiedArtisans : CertificationScenario
{
    [Fact]
    public async Task a_realistic_year_is_counted_per_regency_province_nation_target_outcome_agreement_and_profile()
    {
        await StartDaemonAsync();
        var artisan = await RealisticYearAsync();
        await AllCaughtUpAsync();

        var totals = new RegencyTotalsQuery(Database);
        (await totals.RegenciesAsync(new ReadModelFilter())).Items.ShouldBe(
        [
            new RegencyTotal(2026, "35.23", "Kabupaten Tuban", "35", "Jawa Timur", Scheme, 3, 1, 1),
            new RegencyTotal(2026, "36.04", "Kabupaten Serang", "36", "Banten", Scheme, 1, 1, 0),
        ]);
        (await totals.ProvincesAsync(new ReadModelFilter(Province: "35"))).Items.ShouldBe([new ProvinceTotal(2026, "35", "Jawa Timur", Scheme, 3, 1, 1)]);
        (await totals.NationalAsync(new ReadModelFilter(Year: 2026))).Items.ShouldBe([new NationalTotal(2026, Scheme, 4, 2, 1)]);
        var paged = await totals.RegenciesAsync(new ReadModelFilter(Page: 2, PageSize: 1));
        paged.Total.ShouldBe(2);
        paged.Items.Single().RegencyCode.ShouldBe("36.04");

        var progress = (await new TargetProgressQuery(Database, new TargetProgressOptions(), Clock).YearsAsync(2026)).Single();
        progress.Certified.ShouldBe(4);
        progress.Target.ShouldBe(15_000);
        progress.Months[1].Cumulative.ShouldBe(0);
        progress.Months[2].ShouldBe(new MonthlyProgress(3, 4, 4, 4, 4));
        progress.Certificates.ShouldBe(4);
        progress.Months[11].Cumulative.ShouldBe(4);
        progress.Forecast.ShouldBe((int)Math.Round(4 * 365.0 / Today.DayOfYear));

        var outcomes = (await new AssessmentOutcomesQuery(Database).OutcomesAsync(new ReadModelFilter(Year: 2026))).Items;
        outcomes.Single(o => o.AssessmentSite == Tuban.Site).ShouldBe(new AssessmentOutcome(2026, Scheme, Tuban.Site, Tuban.Assessor, 3, 3, 0, 1m, 0, 0));
        outcomes.Single(o => o.AssessmentSite == Serang.Site).ShouldBe(new AssessmentOutcome(2026, Scheme, Serang.Site, Serang.Assessor, 2, 1, 1, 0.5m, 0, 0));

        var agreements = (await new AgreementQuotasQuery(Database).AgreementsAsync(new ReadModelFilter(Year: 2026))).Items;
        var tuban = agreements.Single(a => a.RegencyCode == "35.23");
        (tuban.RegencyName, tuban.MouStatus, tuban.PksStatus, tuban.Quota, tuban.Enrolled, tuban.Certified, tuban.AidDelivered)
            .ShouldBe(("Kabupaten Tuban", "in-force", "in-force", 10, 3, 3, 1));
        var serang = agreements.Single(a => a.RegencyCode == "36.04");
        (serang.Enrolled, serang.Certified, serang.AidDelivered).ShouldBe((2, 1, 0));

        var profile = (await new ArtisanProfilesQuery(Database).FindAsync(artisan)).ShouldNotBeNull();
        profile.RegencyCode.ShouldBe("35.23");
        profile.Certifications.Single().Status.ShouldBe("valid");
        profile.Certifications.Single().Batch.ShouldNotBeNull().Venue.ShouldBe("Balai Desa");
        profile.Aid.Single().Item.ShouldBe("kompor listrik");
        profile.Visits.Single().Findings.ShouldBe("Producing regularly");
    }

    [Fact]
    public async Task a_rebuild_equals_the_live_read_models_row_for_row()
    {
        await StartDaemonAsync();
        await RealisticYearAsync();
        await AllCaughtUpAsync();
        var before = new Dictionary<string, string>();
        foreach (var t in ReadModelTables()) before[t] = await DigestAsync(t);

        foreach (var name in LedgerReadModels.Names) await ReadModelRebuild.RebuildAsync(Store, name);

        foreach (var t in ReadModelTables()) (await DigestAsync(t)).ShouldBe(before[t], $"table {t}");
        (await CountAsync("mt_event_progression", "name like '%__rebuild%'")).ShouldBe(0);
    }
}

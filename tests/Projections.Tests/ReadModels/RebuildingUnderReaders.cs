using System.Text.Json;
using Ledger.Projections;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Querying;
using Ledger.Projections.ReadModels;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

/// <summary>Rebuilding each real read model while analysts keep querying it and registrars keep writing.</summary>
public sealed class RebuildingUnderReaders : CertificationScenario
{
    [Fact]
    public async Task every_answer_during_the_rebuilds_is_whole_and_the_rebuilt_tables_equal_the_live_ones_row_for_row()
    {
        await StartDaemonAsync();
        var artisan = await RealisticYearAsync();
        for (var i = 0; i < 10; i++) await CertifyAsync(i % 2 == 0 ? Tuban : Serang, "Nur Aini");
        await AllCaughtUpAsync();

        var live = new Dictionary<string, string>();
        foreach (var t in ReadModelTables()) live[t] = await DigestAsync(t);
        var expected = await AnswersAsync(artisan);
        expected.ShouldContain("Kabupaten Tuban");

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => ReadUntilAsync(artisan, expected, stop.Token)).ToList();
        foreach (var name in LedgerReadModels.Names)
        {
            var result = await ReadModelRebuild.RebuildAsync(Store, name);
            result.Events.ShouldBe(await HeadAsync());
        }
        await stop.CancelAsync();
        var outcomes = await Task.WhenAll(readers);

        outcomes.Sum(o => o.Reads).ShouldBeGreaterThan(0);
        outcomes.SelectMany(o => o.Different).ShouldBeEmpty();
        foreach (var t in ReadModelTables()) (await DigestAsync(t)).ShouldBe(live[t], $"table {t} after its rebuild");
    }

    [Fact]
    public async Task a_rebuild_while_registrars_keep_certifying_misses_nothing_and_counts_nothing_twice()
    {
        await StartDaemonAsync();
        await SignAsync(Tuban, quota: 1000);
        for (var i = 0; i < 5; i++) await CertifyAsync(Tuban);
        await AllCaughtUpAsync();

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var certified = 5;
            while (!stop.IsCancellationRequested) { await CertifyAsync(Tuban); certified++; }
            return certified;
        });
        await ReadModelRebuild.RebuildAsync(Store, "regency_totals");
        await ReadModelRebuild.RebuildAsync(Store, "target_progress");
        await stop.CancelAsync();
        var certified = await writer;
        await AllCaughtUpAsync();

        var national = (await new RegencyTotalsQuery(Database).NationalAsync(new ReadModelFilter())).Items.Single();
        (national.Issued, national.Valid).ShouldBe((certified, certified));
        (await new TargetProgressQuery(Database, new TargetProgressOptions(), Clock).YearsAsync(2026)).Single().Certified.ShouldBe(certified);
    }

    /// <summary>Every analytics answer, as the endpoints would return it, in one string.</summary>
    async Task<string> AnswersAsync(Guid artisan)
    {
        var all = new ReadModelFilter(PageSize: ReadModelFilter.MaxPageSize);
        var totals = new RegencyTotalsQuery(Database);
        return JsonSerializer.Serialize(new object?[]
        {
            await totals.RegenciesAsync(all),
            await totals.ProvincesAsync(all),
            await totals.NationalAsync(all),
            await new TargetProgressQuery(Database, new TargetProgressOptions(), Clock).YearsAsync(null),
            await new AssessmentOutcomesQuery(Database).OutcomesAsync(all),
            await new AgreementQuotasQuery(Database).AgreementsAsync(all),
            await new ArtisanProfilesQuery(Database).FindAsync(artisan),
        });
    }

    async Task<(int Reads, List<string> Different)> ReadUntilAsync(Guid artisan, string expected, CancellationToken stop)
    {
        var (reads, different) = (0, new List<string>());
        while (!stop.IsCancellationRequested)
        {
            var answers = await AnswersAsync(artisan);
            if (answers != expected) different.Add(answers);
            reads++;
        }
        return (reads, different);
    }
}

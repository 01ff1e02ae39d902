using System.Text.Json;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Querying;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

/// <summary>Rebuilding each real read model while analysts keep querying it through the query classes.</summary>
public sealed class RebuildingUnderReaders : ReadModelScenario
{
    [Fact]
    public async Task every_answer_during_the_rebuilds_is_whole_and_the_rebuilt_tables_equal_the_live_ones_row_for_row()
    {
        var daemon = await StartDaemonAsync(ReadModels());
        var artisan = await RealisticYearAsync();
        for (var i = 0; i < 10; i++) await CertifyAsync(i % 2 == 0 ? Tuban : Serang, "Nur Aini");
        foreach (var p in daemon.Projections) await CaughtUpAsync(daemon, p.Name);

        var tables = daemon.Projections.SelectMany(p => p.Tables.Select(t => t.Name)).ToList();
        var live = new Dictionary<string, string>();
        foreach (var t in tables) live[t] = await DigestAsync(t);
        var expected = await AnswersAsync(artisan);
        expected.ShouldContain("Kabupaten Tuban");

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => ReadUntilAsync(artisan, expected, stop.Token)).ToList();
        foreach (var p in daemon.Projections)
        {
            var result = await daemon.RebuildAsync(p.Name);
            result.Events.ShouldBe(await CountAsync("events"));
        }
        await stop.CancelAsync();
        var outcomes = await Task.WhenAll(readers);

        outcomes.Sum(o => o.Reads).ShouldBeGreaterThan(0);
        outcomes.SelectMany(o => o.Different).ShouldBeEmpty();
        (await AnswersAsync(artisan)).ShouldBe(expected);
        foreach (var t in tables) (await DigestAsync(t)).ShouldBe(live[t], $"table {t} after its rebuild");
    }

    /// <summary>Every analytics answer, as the endpoints would return it, in one string.</summary>
    async Task<string> AnswersAsync(Guid artisan)
    {
        var all = new ReadModelFilter(PageSize: ReadModelFilter.MaxPageSize);
        var totals = new RegencyTotalsQuery(Store);
        return JsonSerializer.Serialize(new object?[]
        {
            await totals.RegenciesAsync(all),
            await totals.ProvincesAsync(all),
            await totals.NationalAsync(all),
            await new TargetProgressQuery(Store, new TargetProgressOptions()).YearsAsync(null),
            await new AssessmentOutcomesQuery(Store).OutcomesAsync(all),
            await new AgreementQuotasQuery(Store).AgreementsAsync(all),
            await new ArtisanProfilesQuery(Store).FindAsync(artisan),
        });
    }

    /// <summary>Queries until cancelled; returns how many full sets of answers were read and those that differed from the expected.</summary>
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

    Task<string> DigestAsync(string table) =>
        TestDatabase.ScalarAsync<string>($"select coalesce(md5(string_agg(r::text, '|' order by r::text)), '') from \"{Schema}\".{table} r");
}

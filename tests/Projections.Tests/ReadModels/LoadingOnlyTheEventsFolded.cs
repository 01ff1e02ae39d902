using JasperFx.Events.Projections;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Ledger.Testing;
using Marten;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

/// <summary>The daemon loads only the event types a read model declares it folds: no event it folds is left out.</summary>
public sealed class LoadingOnlyTheEventsFolded : CertificationScenario
{
    [Fact]
    public async Task read_models_fed_only_their_declared_event_types_equal_read_models_fed_every_event_row_for_row()
    {
        await StartDaemonAsync();
        var artisan = await RealisticYearAsync();
        await EveryOtherKindOfEventAsync(artisan);
        await AllCaughtUpAsync();
        var filtered = new Dictionary<string, string>();
        foreach (var t in ReadModelTables()) filtered[t] = await DigestAsync(t);

        // The same read models, rebuilt by a store whose daemon hands them every event of the log.
        using var unfiltered = CreateStore(o =>
        {
            foreach (var source in o.Projections.All.OfType<ProjectionWrapper<IDocumentOperations, IQuerySession>>()) source.IncludedEventTypes.Clear();
        });
        foreach (var name in LedgerReadModels.Names) await ReadModelRebuild.RebuildAsync(unfiltered, name);

        foreach (var t in ReadModelTables()) (await DigestAsync(t)).ShouldBe(filtered[t], $"table {t}: every event, and only the declared types");
        (await CountAsync("agreement_mous", "status = 'terminated'")).ShouldBe(1);
        (await CountAsync("artisan_profiles", "erased")).ShouldBe(1);
        (await TestDatabase.ScalarAsync<int>($"select coalesce(sum(appeals_upheld), 0)::int from \"{Schema}\".assessment_outcomes")).ShouldBe(1);
    }

    /// <summary>Events of the kinds the realistic year does not append: appeals, reinstatement, expiry, trainers, erasure, ends of agreements.</summary>
    async Task EveryOtherKindOfEventAsync(Guid artisan)
    {
        var (_, appealing) = await EnrollAsync(Serang, "Dewi Sartika");
        await AssessAsync(Serang, appealing, Competence.NotYetCompetent);
        await AppendAsync(appealing, new AppealFiled(appealing, 1, "The site was unfit", null, At), new AppealDecided(appealing, 1, AppealOutcome.Upheld, "Upheld", null, At));
        var frozen = await CertifyAsync(Tuban, "Sri Wahyuni");
        await FreezeAsync(frozen.Certification, frozen.Number);
        await AppendAsync(frozen.Certification, new CertificateReinstated(frozen.Certification, frozen.Number, "Cleared", null, At));
        var expired = await CertifyAsync(Serang, "Nur Aini");
        await AppendAsync(expired.Certification, new CertificateExpired(expired.Certification, expired.Number, Today.AddYears(3).AddDays(-1), At));
        await AppendAsync(artisan, new ArtisanQualifiedAsTrainer(artisan, Scheme, "TOT-1", null, At));
        await AppendAsync(expired.Artisan, new PersonalDataErased(expired.Artisan, "At the subject's request", null, At));
        await AppendAsync(Tuban.BatchId, new BatchCompleted(Tuban.BatchId, 3, null, At));
        await AppendAsync(Serang.PksId, new PksExpired(Serang.PksId, Today, At));
        await AppendAsync(Serang.MouId, new MouTerminated(Serang.MouId, "Merged", Today, At));
    }
}

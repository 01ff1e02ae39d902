using Ledger.Certifications;
using Ledger.Projections.ReadModels;
using Ledger.Projections.TargetProgress;
using Ledger.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

/// <summary>
/// A deployment upgraded to a version whose read model changed shape (target progress now counts artisans) is rebuilt
/// when the schema is migrated, instead of serving the new columns empty; a read model already in its shape is left as it is.
/// </summary>
public sealed class UpgradingAReadModelsShape : CertificationScenario
{
    [Fact]
    public async Task a_read_model_folded_in_an_older_shape_is_rebuilt_on_migrating_and_one_in_its_shape_is_not()
    {
        (await ReadModelShapes.CatchUpAsync(Store)).ShouldBeEmpty();
        await StartDaemonAsync();
        await SignAsync(Tuban);
        await CertifyAsync(Tuban, "Siti Rahayu");
        await CertifyAsync(Tuban, "Sri Wahyuni");
        await AllCaughtUpAsync();
        (await ReadModelShapes.CatchUpAsync(Store)).ShouldBeEmpty();

        // As the previous version left it: certificates counted, artisans not, its shape unrecorded.
        await TestDatabase.ExecuteAsync($"update \"{Schema}\".{TargetProgressProjection.Months} set artisans = 0");
        await TestDatabase.ExecuteAsync($"delete from \"{Schema}\".{ReadModelShapes.Table}");
        (await YearAsync()).Certified.ShouldBe(0);

        var log = new List<string>();
        var rebuilt = await ReadModelShapes.CatchUpAsync(Store, log.Add);

        rebuilt.ShouldBe(["target_progress"]);
        log.ShouldContain("read model target_progress is in shape 1, its code in shape 2: rebuilding it");
        (await YearAsync()).Certified.ShouldBe(2);
        (await YearAsync()).Certificates.ShouldBe(2);
        (await TestDatabase.ScalarAsync<int>($"select shape from \"{Schema}\".{ReadModelShapes.Table} where read_model = 'target_progress'")).ShouldBe(2);
        (await ReadModelShapes.CatchUpAsync(Store)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_read_model_that_has_folded_nothing_takes_its_shape_without_a_rebuild()
    {
        (await ReadModelShapes.CatchUpAsync(Store)).ShouldBeEmpty();

        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".{ReadModelShapes.Table}")).ShouldBe(5);
    }

    async Task<YearProgress> YearAsync() =>
        (await new TargetProgressQuery(Database, new TargetProgressOptions(), Clock).YearsAsync(Today.Year)).Single();
}

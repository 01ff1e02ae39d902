using Ledger.Agreements;
using Ledger.Batches;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Batches;

public sealed class PlanningBatches
{
    static readonly Pks Agreement = new object[] { PksSigned() }.Aggregate(Pks.Initial, Pks.Fold);
    static PlanBatch Plan => new(BatchId, PksId, "BBSPJIKB", "Balai Desa Kedungrejo", Scheme, Today, Today.AddDays(4), 20, Registrar, At);

    [Fact]
    public void a_batch_is_planned_under_a_pks_covering_its_scheme() =>
        Given<Batch>().When(s => PlanBatch.Decide(s, Agreement, Plan))
            .Then(new BatchPlanned(BatchId, PksId, "BBSPJIKB", "Balai Desa Kedungrejo", Scheme, Today, Today.AddDays(4), 20, Today, At));

    [Fact]
    public void a_scheme_the_pks_does_not_cover_is_refused() =>
        Given<Batch>().When(s => PlanBatch.Decide(s, Agreement, Plan with { SchemeCode = "PEWARNA-BATIK" })).ThenRefused("does not cover the scheme PEWARNA-BATIK");
}

public sealed class CompletingBatches
{
    static readonly BatchPlanned Planned = new(BatchId, PksId, "BBSPJIKB", "Balai Desa", Scheme, Today, Today.AddDays(4), 20, Today, At);

    [Fact]
    public void a_batch_is_completed_on_its_last_day() =>
        Given<Batch>(Planned).When(s => CompleteBatch.Decide(s, new(BatchId, Registrar, At.AddDays(4)))).Then(new BatchCompleted(BatchId, 0, Today.AddDays(4), At.AddDays(4)));

    [Fact]
    public void a_batch_cannot_be_completed_before_its_last_day() =>
        Given<Batch>(Planned).When(s => CompleteBatch.Decide(s, new(BatchId, Registrar, At))).ThenRefused($"it cannot be completed on {Today:yyyy-MM-dd}, before its last day");
}

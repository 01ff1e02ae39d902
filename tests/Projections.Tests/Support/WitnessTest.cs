using JasperFx.Events.Projections;
using Ledger.Projections.ReadModels;
using Ledger.Testing;
using Marten;

namespace Projections.Tests.Support;

/// <summary>The read side plus the tally events and a witness projection that records every event it applies.</summary>
public abstract class WitnessTest : ReadSideTest
{
    protected const string Witness = "applied_events";

    protected override void Configure(StoreOptions options)
    {
        base.Configure(options);
        Tally.Register(options);
        options.Projections.Add(new AppliedEventsProjection(ReadModelTarget.Live(Database)), ProjectionLifecycle.Async, Witness, o => o.BatchSize = 50);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestDatabase.ExecuteAsync(AppliedEventsProjection.Create(Schema));
    }

    protected async Task OpenAsync(Guid tally, string name = "tally")
    {
        await using var session = Store.LightweightSession();
        session.Events.StartStream(tally, new TallyOpened(tally, name));
        await session.SaveChangesAsync();
    }

    protected Task<long> AppliedAsync(string where = "true") => CountAsync(AppliedEventsProjection.Table, where);
}

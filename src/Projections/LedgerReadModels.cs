using JasperFx.Events.Projections;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.Credentials;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.ReadModels;
using Ledger.Projections.Regencies;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Projections.Training;
using Ledger.Projections.Verification;
using Marten;
using Marten.Events.Projections;

namespace Ledger.Projections;

/// <summary>
/// The one entry point of the read side. <see cref="Configure"/> registers, on a store already configured by
/// <c>LedgerStore.Configure</c>: the inline verification view and the credentials' status lists; the five analytics read models as async
/// projections for Marten's daemon; for each of them a shadow twin (<c>regency_totals__rebuild</c>) that no daemon
/// runs and that <see cref="ReadModelRebuild"/> replays into shadow tables; and every table of the read side in
/// Marten's schema management. The host runs the daemon in HotCold mode:
/// <code>
/// services.AddMarten(sp =&gt; { var o = new StoreOptions(); LedgerStore.Configure(o, ...); LedgerReadModels.Configure(o, settings); return o; })
///     .AddAsyncDaemon(DaemonMode.HotCold);
/// </code>
/// </summary>
public static class LedgerReadModels
{
    /// <summary>The inline verification view's name in Marten.</summary>
    public const string Verification = "verification";

    /// <summary>The inline status lists of the credentials, kept after the verification view.</summary>
    public const string CredentialStatus = "credential_status";

    /// <summary>The inline training tables (programmes and their certificates), kept after the status lists.</summary>
    public const string Training = "training";

    /// <summary>The five analytics read models writing to <paramref name="target"/>, in a fixed order.</summary>
    public static IReadOnlyList<ReadModelProjection> Create(ReadModelTarget target) =>
    [
        new RegencyTotalsProjection(target), new TargetProgressProjection(target), new AssessmentOutcomesProjection(target),
        new AgreementQuotasProjection(target), new ArtisanProfilesProjection(target),
    ];

    /// <summary>The stable names of the five analytics read models.</summary>
    public static IReadOnlyList<string> Names { get; } = Create(ReadModelTarget.Live(new(null!, "ledger"))).Select(p => p.ReadModel).ToList();

    public static void Configure(StoreOptions options, ReadModelSettings settings)
    {
        var live = Create(ReadModelTarget.Live(settings.Database));
        var shadows = Create(ReadModelTarget.Rebuild(settings.Database));

        options.Projections.Add(new VerificationProjection(settings.Database.Schema), ProjectionLifecycle.Inline, Verification);
        options.Projections.Add(new CredentialStatusProjection(settings.Database.Schema), ProjectionLifecycle.Inline, CredentialStatus);
        options.Projections.Add(new TrainingProjection(settings.Database.Schema), ProjectionLifecycle.Inline, Training);
        foreach (var projection in live)
            options.Projections.Add(Source(projection, ProjectionLifecycle.Async, settings.BatchSize), ProjectionLifecycle.Async);
        // A shadow is registered but never run by a daemon (only async projections are): a rebuild replays it on demand.
        foreach (var shadow in shadows)
            options.Projections.Add(Source(shadow, ProjectionLifecycle.Live, settings.RebuildBatchSize), ProjectionLifecycle.Live);

        // An event committed late is never skipped: the high-water mark waits for transactions still open.
        options.Projections.UseTransactionEvidenceForGapSkipping = true;
        options.Projections.Errors.SkipApplyErrors = !settings.StopOnError;
        options.Projections.RebuildErrors.SkipApplyErrors = !settings.StopOnError;
        options.Events.EnableExtendedProgressionTracking = true;

        var tables = live.SelectMany(p => p.Tables).Concat(VerificationTables.All).Concat(TrainingTables.All).Append(RegenciesTable.Definition).Append(ReadModelShapes.Definition).ToList();
        options.Storage.Add(new ReadModelSchema(settings.Database.Schema, tables, options.Advanced.Migrator));
        options.Storage.Add(new CredentialStatusTables(settings.Database.Schema, options.Advanced.Migrator));
    }

    /// <summary>
    /// The read model as Marten's daemon runs it: under its name, <paramref name="batchSize"/> events a page, loading only
    /// the event types it folds (the daemon's event loader filters on <c>mt_events.type</c>, so the rest are neither
    /// read nor deserialized).
    /// </summary>
    static ProjectionWrapper<IDocumentOperations, IQuerySession> Source(ReadModelProjection projection, ProjectionLifecycle lifecycle, int batchSize)
    {
        var source = new ProjectionWrapper<IDocumentOperations, IQuerySession>(projection, lifecycle) { Name = projection.Name };
        foreach (var type in projection.EventTypes) source.IncludeType(type);
        source.Options.BatchSize = batchSize;
        return source;
    }
}

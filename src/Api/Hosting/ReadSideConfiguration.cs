using Ledger.Api.Analytics;
using Ledger.Api.Health;
using Ledger.Api.Verification;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Daemon;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Projections.Verification;
using Ledger.Store;

namespace Ledger.Api.Hosting;

/// <summary>
/// The read side in the host: the async read models and the daemon that runs them (<c>Ledger:Daemon</c>),
/// the queries (through the read replica when one is configured), endpoints and the lag checks. The inline
/// verification view is part of every writer's composition (<see cref="LedgerConfiguration.AddLedger"/>).
/// </summary>
public static class ReadSideConfiguration
{
    public static IServiceCollection AddReadSide(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProjectionDaemon(o => configuration.GetSection("Ledger:Daemon").Bind(o))
            .AddAsyncProjection<RegencyTotalsProjection>()
            .AddAsyncProjection<TargetProgressProjection>()
            .AddAsyncProjection<AssessmentOutcomesProjection>()
            .AddAsyncProjection<AgreementQuotasProjection>()
            .AddAsyncProjection<ArtisanProfilesProjection>();

        services.AddSingleton(_ => configuration.GetSection("Ledger:Target").Get<TargetProgressOptions>() ?? new TargetProgressOptions());
        // Verification and analytics read through the replica when one is configured.
        services.AddSingleton(sp => ReadReplica.Create(configuration, sp.GetRequiredService<EventStore>(), sp.GetRequiredService<LedgerStoreOptions>()));
        services.AddSingleton(sp => new VerificationQuery(Reads(sp)));
        services.AddSingleton(sp => new RegencyTotalsQuery(Reads(sp)));
        services.AddSingleton(sp => new TargetProgressQuery(Reads(sp), sp.GetRequiredService<TargetProgressOptions>()));
        services.AddSingleton(sp => new AssessmentOutcomesQuery(Reads(sp)));
        services.AddSingleton(sp => new AgreementQuotasQuery(Reads(sp)));
        services.AddSingleton(sp => new ArtisanProfilesQuery(Reads(sp)));
        if (ReadReplica.ConnectionString(configuration) is not null) services.AddSingleton<IReadinessCheck, ReplicaLagCheck>();

        services.AddSingleton<ILedgerApiModule, VerifyCertificate>();
        services.AddSingleton<ILedgerApiModule, ReadModelEndpoints>();
        services.AddSingleton(_ => configuration.GetSection("Ledger:Daemon:Readiness").Get<DaemonLagOptions>() ?? new DaemonLagOptions());
        services.AddSingleton<IReadinessCheck, DaemonLagCheck>();
        return services;
    }

    static EventStore Reads(IServiceProvider sp) => sp.GetRequiredService<ReadReplica>().Reads;
}

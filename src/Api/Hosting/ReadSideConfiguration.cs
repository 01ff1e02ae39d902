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

namespace Ledger.Api.Hosting;

/// <summary>
/// The read side in the host: the inline verification view (in the append's transaction), the async read
/// models and the daemon that runs them (<c>Ledger:Daemon</c>), their queries, endpoints and the lag check.
/// </summary>
public static class ReadSideConfiguration
{
    public static IServiceCollection AddReadSide(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new LedgerMigrations(VerificationTables.All));
        services.AddSingleton(new LedgerPart((domain, _) => domain.Store.AddInlineProjection(new VerificationProjection())));

        services.AddProjectionDaemon(o => configuration.GetSection("Ledger:Daemon").Bind(o))
            .AddAsyncProjection<RegencyTotalsProjection>()
            .AddAsyncProjection<TargetProgressProjection>()
            .AddAsyncProjection<AssessmentOutcomesProjection>()
            .AddAsyncProjection<AgreementQuotasProjection>()
            .AddAsyncProjection<ArtisanProfilesProjection>();

        services.AddSingleton(_ => configuration.GetSection("Ledger:Target").Get<TargetProgressOptions>() ?? new TargetProgressOptions());
        services.AddSingleton<VerificationQuery>();
        services.AddSingleton<RegencyTotalsQuery>();
        services.AddSingleton<TargetProgressQuery>();
        services.AddSingleton<AssessmentOutcomesQuery>();
        services.AddSingleton<AgreementQuotasQuery>();
        services.AddSingleton<ArtisanProfilesQuery>();

        services.AddSingleton<ILedgerApiModule, VerifyCertificate>();
        services.AddSingleton<ILedgerApiModule, ReadModelEndpoints>();
        services.AddSingleton(_ => configuration.GetSection("Ledger:Daemon:Readiness").Get<DaemonLagOptions>() ?? new DaemonLagOptions());
        services.AddSingleton<IReadinessCheck, DaemonLagCheck>();
        return services;
    }
}

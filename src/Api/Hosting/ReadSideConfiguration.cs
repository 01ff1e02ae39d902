using JasperFx.Events.Daemon;
using Ledger.Api.Analytics;
using Ledger.Api.Health;
using Ledger.Api.Verification;
using Ledger.Marten;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.ReadModels;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Projections.Training;
using Ledger.Projections.Verification;
using Marten;

namespace Ledger.Api.Hosting;

/// <summary>
/// The read side in the host: Marten's async daemon in HotCold mode (one node projects the read models; when it
/// dies another takes over), the queries (through the read replica when one is configured), endpoints and the
/// lag checks. The projections themselves are part of every composition of the store (<see cref="LedgerConfiguration.AddLedger"/>).
/// </summary>
public static class ReadSideConfiguration
{
    public static IServiceCollection AddReadSide(this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
    {
        var services = marten.AddAsyncDaemon(DaemonMode.HotCold).Services;

        services.AddSingleton(_ => configuration.GetSection("Ledger:Target").Get<TargetProgressOptions>() ?? new TargetProgressOptions());
        // Verification and analytics read through the replica when one is configured.
        services.AddSingleton(sp => ReadReplica.Create(configuration, sp.GetRequiredService<LedgerDatabase>()));
        services.AddSingleton(sp => new VerificationQuery(Reads(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new RegencyTotalsQuery(Reads(sp)));
        services.AddSingleton(sp => new TargetProgressQuery(Reads(sp), sp.GetRequiredService<TargetProgressOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new AssessmentOutcomesQuery(Reads(sp)));
        services.AddSingleton(sp => new AgreementQuotasQuery(Reads(sp)));
        services.AddSingleton(sp => new PartnersQuery(Reads(sp)));
        services.AddSingleton(sp => new TrainingCertificatesQuery(Reads(sp)));
        services.AddSingleton(sp => new TrainingProgressQuery(Reads(sp)));
        services.AddSingleton(sp => new ArtisanProfilesQuery(Reads(sp)));
        services.AddSingleton(sp => new TrainersDirectoryQuery(Reads(sp)));
        services.AddSingleton(sp => new ReadModelStatusQuery(sp.GetRequiredService<LedgerDatabase>()));
        if (ReadReplica.ConnectionString(configuration) is not null) services.AddSingleton<IReadinessCheck, ReplicaLagCheck>();

        services.AddSingleton<ILedgerApiModule, VerifyCertificate>();
        services.AddSingleton<ILedgerApiModule, VerifyMany>();
        services.AddSingleton<ILedgerApiModule, ReadModelEndpoints>();
        services.AddSingleton(_ => configuration.GetSection("Ledger:Daemon:Readiness").Get<DaemonLagOptions>() ?? new DaemonLagOptions());
        services.AddSingleton<IReadinessCheck, DaemonLagCheck>();
        services.AddSingleton<IReadinessCheck, MessagingCheck>();
        return services;
    }

    static LedgerDatabase Reads(IServiceProvider sp) => sp.GetRequiredService<ReadReplica>().Reads;
}

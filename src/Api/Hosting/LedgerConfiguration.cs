using Ledger.Domain;
using Ledger.Integrity;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using JasperFx;
using Ledger.Commands;
using Wolverine;
using Wolverine.Marten;

namespace Ledger.Api.Hosting;

/// <summary>Registers the ledger's Marten store, its domain and its tamper evidence with the host.</summary>
public static class LedgerConfiguration
{
    /// <summary>The connection string: <c>ConnectionStrings:Ledger</c>, else the <c>LEDGER_DB</c> environment variable.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Ledger")
        ?? configuration["LEDGER_DB"]
        ?? throw new InvalidOperationException(
            "No database is configured: set LEDGER_DB (or ConnectionStrings:Ledger) to an Npgsql connection string, or start the ledger with ops/run.");

    /// <summary>
    /// The Marten store as the ledger configures it (<see cref="LedgerStore"/>), with the read side's projections
    /// (<see cref="LedgerReadModels"/>: the inline verification view, which every writer keeps, and the async read
    /// models, which only a host running the daemon projects) and the API's own table; the certification domain
    /// on it; and the checkpoint signer. Command-line verbs compose the same services, without the daemon.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddLedger(
        this IServiceCollection services, IConfiguration configuration, Action<WolverineOptions>? messaging = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => LedgerDataSource.Create(ConnectionString(configuration)));
        var schema = configuration["Ledger:Schema"] ?? "ledger";
        services.AddSingleton(sp => new LedgerDatabase(sp.GetRequiredService<NpgsqlDataSource>(), schema));
        services.AddSingleton(_ => LedgerSecrets.DomainOptions(configuration));
        services.AddLedgerCommands(more: wolverine =>
        {
            // The host's own endpoints live here; the commands' handlers in the ledger's assembly, which Wolverine is told of.
            wolverine.ApplicationAssembly = LedgerCodeGeneration.Assembly;
            messaging?.Invoke(wolverine);
        });
        services.AddLedgerCodeGeneration();
        services.AddSingleton(_ => LedgerSecrets.CheckpointSigner(configuration));
        services.AddSingleton(sp => new LedgerIntegrity(
            sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<CheckpointSigner>(), sp.GetRequiredService<TimeProvider>()));
        var daemon = configuration.GetSection("Ledger:Daemon");
        return services.AddMarten(sp =>
        {
            var options = new StoreOptions();
            LedgerStore.Configure(options, sp.GetRequiredService<NpgsqlDataSource>(), new LedgerStoreSettings { Schema = schema });
            LedgerReadModels.Configure(options, new ReadModelSettings
            {
                Database = sp.GetRequiredService<LedgerDatabase>(),
                StopOnError = daemon.GetValue("StopOnError", false),
                BatchSize = daemon.GetValue("BatchSize", 500),
                RebuildBatchSize = daemon.GetValue("RebuildBatchSize", 5_000),
            });
            options.Storage.Add(new ExpiryCatchUpTable(options));
            options.Logger(new LedgerMartenLogger((sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Marten")));
            // How often a node that does not lead the daemon tries to take it over (HotCold).
            options.Projections.LeadershipPollingTime = (int)daemon.GetValue("LeadershipPollingTime", TimeSpan.FromSeconds(5)).TotalMilliseconds;
            return options;
        }).IntegrateWithWolverine(wolverine => wolverine.MessageStorageSchemaName = schema);
    }

    /// <summary>Applies every schema change Marten knows of (the event store, the ledger's feature schemas, the read side's tables).</summary>
    public static Task MigrateAsync(this IServiceProvider services) =>
        services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
}

using Ledger.Domain;
using Ledger.Integrity;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Weasel.Core;
using JasperFx;
using JasperFx.Resources;
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
    /// <c>Ledger:Database:Migrate</c> (default true): whether this process applies the migrations itself, the host as it
    /// starts and a verb before its work. False when it connects as a role that may not change the schema
    /// (<see cref="ApplicationRole"/>): then neither Marten nor Wolverine creates or alters anything, the migrations are
    /// the <c>migrate</c> verb's, run as the schema's owner, and the host or verb stops on a schema that is not current.
    /// </summary>
    public const string Migrate = "Ledger:Database:Migrate";

    /// <summary>
    /// <c>Ledger:Database:ApplicationRole</c>: the role the application connects as, when it is not the schema's owner.
    /// The <c>migrate</c> verb, run as the owner, grants it what <see cref="ApplicationRole"/> says after migrating.
    /// </summary>
    public const string ApplicationRoleSetting = "Ledger:Database:ApplicationRole";

    public static bool Migrates(IConfiguration configuration) => configuration.GetValue(Migrate, true);

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
        var migrates = Migrates(configuration);
        services.AddLedgerCommands(more: wolverine =>
        {
            if (!migrates) wolverine.AutoBuildMessageStorageOnStartup = AutoCreate.None;
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
            if (!migrates) options.AutoCreateSchemaObjects = AutoCreate.None;
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
        }).IntegrateWithWolverine(wolverine =>
        {
            wolverine.MessageStorageSchemaName = schema;
            if (!migrates) wolverine.AutoCreate = AutoCreate.None;
        });
    }

    /// <summary>
    /// Applies every schema change Marten knows of (the event store, the ledger's feature schemas, the read side's
    /// tables); when this process does not migrate (<see cref="Migrate"/>), checks instead that there is none to apply.
    /// </summary>
    public static async Task MigrateAsync(this IServiceProvider services)
    {
        // A store composed without a host's configuration (a test's, a benchmark's) migrates, as a host does by default.
        if (services.GetService<IConfiguration>() is not { } configuration || Migrates(configuration))
        {
            await services.ApplyMigrationsAsync();
            return;
        }
        var schema = services.GetRequiredService<LedgerDatabase>().Schema;
        var migration = await services.GetRequiredService<IDocumentStore>().Storage.Database.CreateMigrationAsync();
        if (migration.Difference != SchemaPatchDifference.None)
            throw new InvalidOperationException(
                $"Schema {schema} is not current ({migration.Difference}) and this process does not migrate ({Migrate} is false): run the migrate verb as the schema's owner first.");
    }

    /// <summary>
    /// Applies every schema change Marten knows of, whatever <see cref="Migrate"/> says, loads the official regency list
    /// into a table that does not hold it all yet, so that a fresh install names every regency, and rebuilds a read model
    /// folded in an older shape than its code's (<see cref="ReadModelShapes"/>).
    /// </summary>
    static async Task ApplyMigrationsAsync(this IServiceProvider services)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        await Ledger.Projections.Regencies.RegencyImport.LoadOfficialListAsync(services.GetRequiredService<LedgerDatabase>());
        var log = services.GetService<ILoggerFactory>()?.CreateLogger("Ledger.ReadModels");
        await ReadModelShapes.CatchUpAsync(store, message => log?.LogInformation("{Message}", message));
    }

    /// <summary>
    /// Everything a host that does not migrate needs ahead of it: Marten's changes (<see cref="MigrateAsync"/>), Wolverine's
    /// message storage (its own stateful resource, as <c>resources setup</c> makes it), and, when
    /// <see cref="ApplicationRoleSetting"/> names the application's role, that role's grants.
    /// </summary>
    public static async Task MigrateForApplicationAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken ct = default)
    {
        await services.ApplyMigrationsAsync();
        await services.GetRequiredService<IHost>().SetupResources(ct);
        if (configuration[ApplicationRoleSetting] is { Length: > 0 } role)
        {
            var database = services.GetRequiredService<LedgerDatabase>();
            await ApplicationRole.GrantAsync(database.DataSource, database.Schema, role, ct);
        }
    }
}

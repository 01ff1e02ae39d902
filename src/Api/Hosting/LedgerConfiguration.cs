using Ledger.Api.Idempotency;
using Ledger.Domain;
using Ledger.Projections.Daemon.Schema;
using Ledger.Projections.Verification;
using Ledger.Store.Integrity;
using Ledger.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ledger.Api.Hosting;

/// <summary>Registers the store and its database with the host.</summary>
public static class LedgerConfiguration
{
    /// <summary>The connection string: <c>ConnectionStrings:Ledger</c>, else the <c>LEDGER_DB</c> environment variable.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Ledger")
        ?? configuration["LEDGER_DB"]
        ?? throw new InvalidOperationException(
            "No database is configured: set LEDGER_DB (or ConnectionStrings:Ledger) to an Npgsql connection string, or start the ledger with ops/run.");

    /// <summary>
    /// The store with everything that runs on it: the certification domain (events, commands, personal data
    /// protection), the projection engine's tables, the migrations every part registers as
    /// <see cref="LedgerMigrations"/>, the parts that configure the domain once it exists
    /// (<see cref="LedgerPart"/>: inline projections, for one), and the checkpoint signer.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => LedgerDataSource.Create(ConnectionString(configuration)));
        services.AddSingleton(_ => new LedgerStoreOptions { Schema = configuration["Ledger:Schema"] ?? "ledger" });
        services.AddSingleton(_ => new EventTypeRegistry());
        services.AddSingleton(new LedgerMigrations(IdempotencyKeysTable.Migrations));
        // The verification view is inline: every writer (host or command-line verb) updates it with the events.
        services.AddSingleton(new LedgerMigrations(VerificationTables.All));
        services.AddSingleton(new LedgerPart((domain, _) => domain.Store.AddInlineProjection(new VerificationProjection())));
        services.AddSingleton(_ => LedgerSecrets.DomainOptions(configuration));
        services.AddSingleton(sp =>
        {
            var store = new EventStore(
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<EventTypeRegistry>(),
                sp.GetRequiredService<LedgerStoreOptions>(),
                sp.GetRequiredService<TimeProvider>());
            foreach (var part in sp.GetServices<LedgerMigrations>()) store.Migrator.Add(part.Migrations);
            store.AddProjectionMigrations();
            var domain = store.UseCertificationDomain(sp.GetRequiredService<DomainOptions>());
            foreach (var part in sp.GetServices<LedgerPart>()) part.Configure(domain, sp);
            return domain;
        });
        services.AddSingleton(sp => sp.GetRequiredService<CertificationDomain>().Store);
        services.AddSingleton(sp => sp.GetRequiredService<CertificationDomain>().Commands);
        services.AddSingleton(sp => sp.GetRequiredService<CertificationDomain>().PersonalData);
        services.AddSingleton(_ => LedgerSecrets.CheckpointSigner(configuration));
        services.AddSingleton(sp => new LedgerIntegrity(sp.GetRequiredService<EventStore>(), sp.GetRequiredService<CheckpointSigner>()));
        return services;
    }

    /// <summary>
    /// Checks the settings the host cannot run without, then migrates the schema. False (with the reason
    /// on stderr and in the log) when a setting is missing, so that the host stops before serving.
    /// </summary>
    public static async Task<bool> PrepareLedgerAsync(this WebApplication app)
    {
        var auth = app.Configuration.GetSection(Auth.LedgerAuthOptions.Section).Get<Auth.LedgerAuthOptions>() ?? new Auth.LedgerAuthOptions();
        if ((auth.DecodeKey().Problem ?? LedgerSecrets.Problem(app.Configuration)) is { } problem)
        {
            app.Logger.LogCritical("The host cannot start: {Problem}", problem);
            await Console.Error.WriteLineAsync($"error: {problem}");
            return false;
        }
        var store = app.Services.GetRequiredService<EventStore>();
        var applied = await store.MigrateAsync();
        if (applied.Count > 0)
            app.Logger.LogInformation("Schema {Schema} migrated to version {Version}", store.Schema.Name, applied[^1].Version);
        return true;
    }
}

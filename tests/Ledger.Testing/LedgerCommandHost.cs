using Ledger.Commands;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Marten;

namespace Ledger.Testing;

/// <summary>
/// The ledger's commands on Wolverine over the ledger's Marten store in <paramref name="schema"/>, without HTTP: what
/// the domain's integration tests and the benchmarks send their commands through.
/// </summary>
public static class LedgerCommandHost
{
    public static Task<IHost> StartAsync(string schema, DomainOptions domain, CommandRetries? retries = null, Action<StoreOptions>? configure = null) =>
        StartAsync(TestDatabase.DataSource, schema, domain, retries, configure);

    public static async Task<IHost> StartAsync(NpgsqlDataSource dataSource, string schema, DomainOptions domain, CommandRetries? retries = null,
        Action<StoreOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var database = new LedgerDatabase(dataSource, schema);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(domain);
        builder.Services.AddMarten(_ =>
        {
            var options = new StoreOptions();
            LedgerStore.Configure(options, dataSource, new LedgerStoreSettings { Schema = schema });
            configure?.Invoke(options);
            return options;
        }).IntegrateWithWolverine(wolverine => wolverine.MessageStorageSchemaName = schema);
        builder.Services.AddLedgerCommands(retries, wolverine => wolverine.Durability.Mode = DurabilityMode.Solo);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

using Ledger.Store;
using Npgsql;

namespace Ledger.Api.Hosting;

/// <summary>
/// Verbs on the same executable as the API: <c>Ledger.Api migrate</c>. Anything else starts the host.
/// </summary>
public static class CommandLine
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return null;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Skip(1).ToArray())
            .Build();
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(configuration),
                "help" or "--help" => Usage(Console.Out, 0),
                _ => Usage(Console.Error, 2, $"Unknown command '{args[0]}'."),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    static async Task<int> MigrateAsync(IConfiguration configuration)
    {
        await using var dataSource = NpgsqlDataSource.Create(LedgerConfiguration.ConnectionString(configuration));
        var store = new EventStore(dataSource, new EventTypeRegistry(), new LedgerStoreOptions { Schema = configuration["Ledger:Schema"] ?? "ledger" });
        var applied = await store.MigrateAsync();
        foreach (var m in applied) Console.WriteLine($"applied {m.Version}: {m.Description}");
        Console.WriteLine($"schema {store.Schema.Name} is at version {store.Migrator.LatestVersion}");
        return 0;
    }

    static int Usage(TextWriter writer, int code, string? problem = null)
    {
        if (problem is not null) writer.WriteLine(problem);
        writer.WriteLine("""
            usage: Ledger.Api [verb] [--Ledger:Schema=name]
              (no verb)   serve the API (use --urls to choose the address)
              migrate     create or migrate the database schema, then exit
              help        show this text
            The database comes from LEDGER_DB or ConnectionStrings:Ledger.
            """);
        return code;
    }
}

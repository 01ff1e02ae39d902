using Ledger.Api.Auth;
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
            .AddCommandLine(args.Skip(1).Where(a => a.StartsWith("--Ledger", StringComparison.Ordinal) || a.Contains('=')).ToArray())
            .Build();
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(configuration),
                "token" => Token(args.Skip(1).ToArray(), configuration),
                "rebuild" => await RebuildAsync(args.Skip(1).Where(a => !a.Contains('=') && !a.StartsWith("--", StringComparison.Ordinal)).ToArray(), configuration),
                "import" when args.Length >= 3 && args[1] == "regencies" => await ImportRegenciesAsync(args[2], configuration),
                "import" => Usage(Console.Error, 2, "import needs: import regencies <csv>."),
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
        await using var services = new ServiceCollection().AddLedger(configuration).BuildServiceProvider();
        var store = services.GetRequiredService<EventStore>();
        var applied = await store.MigrateAsync();
        foreach (var m in applied) Console.WriteLine($"applied {m.Version}: {m.Description}");
        Console.WriteLine($"schema {store.Schema.Name} is at version {store.Migrator.LatestVersion}");
        return 0;
    }

    /// <summary><c>rebuild [projection]</c>: rebuilds one async projection (or all) into shadow tables and swaps them in.</summary>
    static async Task<int> RebuildAsync(string[] names, IConfiguration configuration)
    {
        await using var services = new ServiceCollection().AddLogging().AddLedger(configuration).AddReadSide(configuration).BuildServiceProvider();
        await services.GetRequiredService<EventStore>().MigrateAsync();
        var daemon = services.GetRequiredService<Ledger.Projections.Daemon.ProjectionDaemon>();
        await daemon.EnsureSchemaAsync();
        var known = daemon.Projections.Select(p => p.Name).ToList();
        if (names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
            return Usage(Console.Error, 2, $"rebuild: no projection named '{unknown}'; known: {string.Join(", ", known)}.");
        foreach (var name in names.Length > 0 ? names : [.. known])
        {
            var result = await daemon.RebuildAsync(name);
            Console.WriteLine($"rebuilt {result.Name}: {result.Events} events in {result.Elapsed.TotalSeconds:0.0} s");
        }
        return 0;
    }

    /// <summary><c>import regencies &lt;csv&gt;</c>: loads the official regency list into the reference table (idempotent).</summary>
    static async Task<int> ImportRegenciesAsync(string path, IConfiguration configuration)
    {
        await using var services = new ServiceCollection().AddLedger(configuration).BuildServiceProvider();
        var store = services.GetRequiredService<EventStore>();
        await store.MigrateAsync();
        try
        {
            Console.WriteLine($"imported {await Ledger.Projections.Regencies.RegencyImport.ImportFileAsync(store, path)} regencies");
            return 0;
        }
        catch (Ledger.Projections.Regencies.RegencyFileException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (FileNotFoundException)
        {
            await Console.Error.WriteLineAsync($"error: no file {path}");
            return 1;
        }
    }

    /// <summary><c>token &lt;role&gt; [--name NAME] [--hours N]</c>: prints a token signed with the configured key.</summary>
    static int Token(string[] args, IConfiguration configuration)
    {
        if (args.Length == 0 || !LedgerRoles.IsKnown(args[0]))
            return Usage(Console.Error, 2, $"token needs a role: {string.Join(", ", LedgerRoles.All)}.");
        var role = args[0];
        var name = $"dev-{role}";
        var hours = 8.0;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                case "--hours" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var h) && h > 0:
                    hours = h;
                    i++;
                    break;
                default:
                    if (args[i].StartsWith("--Ledger", StringComparison.Ordinal)) break; // configuration, read above
                    return Usage(Console.Error, 2, $"token: unexpected '{args[i]}'.");
            }
        }
        var options = new LedgerAuthOptions();
        configuration.GetSection(LedgerAuthOptions.Section).Bind(options);
        if (options.DecodeKey().Problem is { } problem) throw new InvalidOperationException(problem);
        Console.WriteLine(new LedgerTokens(options, TimeProvider.System).Mint(name, role, TimeSpan.FromHours(hours)));
        return 0;
    }

    static int Usage(TextWriter writer, int code, string? problem = null)
    {
        if (problem is not null) writer.WriteLine(problem);
        writer.WriteLine("""
            usage: Ledger.Api [verb] [--Ledger:Schema=name]
              (no verb)   serve the API (use --urls to choose the address)
              migrate     create or migrate the database schema, then exit
              token <role> [--name NAME] [--hours N]
                          print a bearer token for a role (registrar, agency, auditor, analyst),
                          signed with Ledger:Auth:SigningKey (default: 8 hours, name dev-<role>)
              rebuild [projection]
                          rebuild one async read model (or all) from the log, swapping it in when done
              import regencies <csv>
                          load the official regency list (code,name,kind,province_code,province_name)
              help        show this text
            The database comes from LEDGER_DB or ConnectionStrings:Ledger.
            """);
        return code;
    }
}

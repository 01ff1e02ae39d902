using Wolverine.Runtime;
using Wolverine;
using Ledger.Api.Auth;
using Ledger.Integrity;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Marten;
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
                "verify" => await VerifyAsync(configuration),
                "checkpoint" => await CheckpointAsync(configuration),
                "seed-demo" => await SeedDemoAsync(args.Skip(1).ToArray(), configuration),
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
        await using var services = Compose(configuration);
        var store = services.GetRequiredService<IDocumentStore>();
        var before = await store.Storage.Database.CreateMigrationAsync();
        await services.MigrateAsync();
        Console.WriteLine(before.Difference == Weasel.Core.SchemaPatchDifference.None
            ? $"schema {services.GetRequiredService<LedgerDatabase>().Schema} was already up to date"
            : $"schema {services.GetRequiredService<LedgerDatabase>().Schema} migrated ({before.Difference}); it is up to date");
        return 0;
    }

    /// <summary><c>rebuild [read model]</c>: rebuilds one async read model (or all) into shadow tables and swaps them in.</summary>
    static async Task<int> RebuildAsync(string[] names, IConfiguration configuration)
    {
        await using var services = Compose(configuration);
        await services.MigrateAsync();
        var known = LedgerReadModels.Names;
        if (names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
            return Usage(Console.Error, 2, $"rebuild: no read model named '{unknown}'; known: {string.Join(", ", known)}.");
        foreach (var name in names.Length > 0 ? names : [.. known])
        {
            var result = await ReadModelRebuild.RebuildAsync(services.GetRequiredService<IDocumentStore>(), name);
            Console.WriteLine($"rebuilt {result.ReadModel}: {result.Events} events in {result.Elapsed.TotalSeconds:0.0} s");
        }
        return 0;
    }

    /// <summary>The ledger's services for a verb: the store, the domain and the integrity checks, without the host or the daemon.</summary>
    static ServiceProvider Compose(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLedger(configuration);
        // A verb runs no daemon (no coordinator is registered): the hosts project the read models. Saying so keeps
        // Marten from printing its "async daemon is disabled" warning into the verb's own output.
        services.ConfigureMarten(options => options.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.Solo);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The ledger's services with Wolverine started, for a verb that gives commands: migrated, and without the daemon or
    /// the durability agents of a serving host (a verb is one process for a moment, not a node).
    /// </summary>
    static async Task<IHost> StartCommandsAsync(IConfiguration configuration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLedger(configuration, wolverine => wolverine.Durability.Mode = DurabilityMode.Solo);
        builder.Services.ConfigureMarten(options => options.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.Solo);
        var host = builder.Build();
        await host.Services.MigrateAsync();
        await host.StartAsync();
        return host;
    }

    /// <summary><c>import regencies &lt;csv&gt;</c>: loads the official regency list into the reference table (idempotent).</summary>
    static async Task<int> ImportRegenciesAsync(string path, IConfiguration configuration)
    {
        await using var services = Compose(configuration);
        await services.MigrateAsync();
        try
        {
            Console.WriteLine($"imported {await Ledger.Projections.Regencies.RegencyImport.ImportFileAsync(services.GetRequiredService<LedgerDatabase>(), path)} regencies");
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

    /// <summary><c>verify</c>: recomputes every chain and checkpoint; exit 0 when intact, 3 when not.</summary>
    static async Task<int> VerifyAsync(IConfiguration configuration)
    {
        await using var services = Compose(configuration);
        await services.MigrateAsync();
        var database = services.GetRequiredService<LedgerDatabase>();
        await using var count = database.DataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {database.Quoted}.mt_events");
        var head = (long)(await count.ExecuteScalarAsync())!;
        var integrity = services.GetRequiredService<LedgerIntegrity>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var report = await integrity.VerifyAsync(new ConsoleProgress(checkedSoFar =>
            Console.Error.WriteLine($"verify: {checkedSoFar:N0} of about {head:N0} events checked ({started.Elapsed.TotalSeconds:F1} s)")));
        var seconds = Math.Max(started.Elapsed.TotalSeconds, 0.001);
        await Console.Error.WriteLineAsync($"verify: {report.EventsChecked:N0} events in {seconds:F2} s ({report.EventsChecked / seconds:N0} events/s)");
        Console.WriteLine(report.Summary);
        foreach (var failure in report.Failures)
        {
            Console.WriteLine($"failure: check {failure.Check}" +
                (failure.StreamId is { } s ? $", stream {s}" : "") + (failure.Version is { } v ? $", version {v}" : "") +
                (failure.Position is { } p ? $", position {p}" : "") + (failure.Checkpoint is { } c ? $", checkpoint {c}" : ""));
            Console.WriteLine($"  {failure.Description}");
        }
        if (report.FailureCount > report.Failures.Count)
            Console.WriteLine($"... and {report.FailureCount - report.Failures.Count} more failure(s) not listed");
        return report.Intact ? 0 : 3;
    }

    /// <summary><c>checkpoint</c>: writes a signed checkpoint now.</summary>
    static async Task<int> CheckpointAsync(IConfiguration configuration)
    {
        await using var services = Compose(configuration);
        await services.MigrateAsync();
        var checkpoint = await services.GetRequiredService<LedgerIntegrity>().WriteCheckpointAsync();
        Console.WriteLine(checkpoint is null
            ? "no event was recorded since the last checkpoint; nothing to sign"
            : $"checkpoint {checkpoint.Number} signed up to position {checkpoint.Position} ({checkpoint.EventCount} events) with key {checkpoint.KeyId}");
        return 0;
    }

    /// <summary><c>seed-demo [--certifications N] [--regencies PATH]</c>: a realistic demo through the domain's commands.</summary>
    static async Task<int> SeedDemoAsync(string[] args, IConfiguration configuration)
    {
        var certifications = 300;
        string? regencies = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--certifications" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n is > 0 and <= 100_000:
                    certifications = n;
                    i++;
                    break;
                case "--regencies" when i + 1 < args.Length:
                    regencies = args[++i];
                    if (!File.Exists(regencies)) return Usage(Console.Error, 2, $"seed-demo: no file {regencies}.");
                    break;
                default:
                    if (args[i].StartsWith("--Ledger", StringComparison.Ordinal) || args[i].Contains('=')) break; // configuration, read above
                    return Usage(Console.Error, 2, $"seed-demo: unexpected '{args[i]}'.");
            }
        }
        using var host = await StartCommandsAsync(configuration);
        var services = host.Services;
        var seeder = new DemoSeeder(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<LedgerDatabase>(),
            new MessageBus(services.GetRequiredService<IWolverineRuntime>()), services.GetRequiredService<TimeProvider>(), Console.Error);
        try
        {
            return await seeder.RunAsync(certifications, regencies ?? FindRegencyList());
        }
        catch (Domain.DomainException e)
        {
            await Console.Error.WriteLineAsync($"seed-demo: stopped, a rule refused a command: {e.Message}");
            return 1;
        }
    }

    /// <summary>The shared regency list next to the repository (<c>../shared/data/regencies.csv</c>), when there is one.</summary>
    static string? FindRegencyList()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "regencies.csv"));
                    if (File.Exists(candidate)) return candidate;
                    break;
                }
        return null;
    }

    /// <summary>Reports on the calling thread, so that progress lines come out in order.</summary>
    sealed class ConsoleProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
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
              rebuild [read model]
                          rebuild one async read model (or all) from the log, swapping it in when done
              import regencies <csv>
                          load the official regency list (code,name,kind,province_code,province_name)
              verify      recompute every stream's hash chain and every signed checkpoint (progress on
                          stderr); exit 0 when intact, 3 when not, listing every failure found
              checkpoint  write a signed checkpoint now
              seed-demo [--certifications N] [--regencies PATH]
                          record a realistic demo (default 300 certifications); refuses a second run
              help        show this text
            The database comes from LEDGER_DB or ConnectionStrings:Ledger.
            """);
        return code;
    }
}

using JasperFx.CommandLine;
using Ledger.Api.Hosting;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Verbs;

public sealed class SeedDemoInput : NetCoreInput
{
    [Description("How many certifications to record (1 to 100,000; default 300)")]
    [FlagAlias("certifications")]
    public int CertificationsFlag { get; set; } = 300;

    [Description("The regency list to import first (default: ../shared/data/regencies.csv beside the repository, when there is one)")]
    [FlagAlias("regencies")]
    public string? RegenciesFlag { get; set; }
}

/// <summary>
/// <c>seed-demo [--certifications N] [--regencies PATH]</c>: records a realistic demo through the domain's commands
/// (<see cref="DemoSeeder"/>), its progress on stderr; refuses a second run.
/// </summary>
[Description("Record a realistic demo through the domain's commands; refuses a second run", Name = "seed-demo")]
public sealed class SeedDemoVerb : LedgerVerb<SeedDemoInput>
{
    public SeedDemoVerb()
    {
        Usage("Record the demo").Arguments().ValidFlags(x => x.CertificationsFlag, x => x.RegenciesFlag!);
    }

    protected override async Task<int> RunAsync(SeedDemoInput input, IServiceProvider services)
    {
        if (input.CertificationsFlag is not (> 0 and <= 100_000))
        {
            await Console.Error.WriteLineAsync("seed-demo: --certifications must be between 1 and 100,000.");
            return VerbExitCodes.Failed;
        }
        if (input.RegenciesFlag is { } file && !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"seed-demo: no file {file}.");
            return VerbExitCodes.Failed;
        }
        using var host = await CommandsHost.StartAsync(services.GetRequiredService<IConfiguration>());
        var commands = host.Services;
        var seeder = new DemoSeeder(commands.GetRequiredService<IDocumentStore>(), commands.GetRequiredService<LedgerDatabase>(),
            new MessageBus(commands.GetRequiredService<IWolverineRuntime>()), commands.GetRequiredService<TimeProvider>(), Console.Error);
        try
        {
            return await seeder.RunAsync(input.CertificationsFlag, input.RegenciesFlag ?? FindRegencyList());
        }
        catch (DomainException e)
        {
            await Console.Error.WriteLineAsync($"seed-demo: stopped, a rule refused a command: {e.Message}");
            return VerbExitCodes.Failed;
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
}

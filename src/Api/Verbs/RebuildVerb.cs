using System.Diagnostics;
using JasperFx.CommandLine;
using Ledger.Api.Hosting;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Marten;

namespace Ledger.Api.Verbs;

public sealed class RebuildInput : NetCoreInput
{
    [Description("The read models to rebuild (default: every async read model)")]
    public IEnumerable<string> ReadModels { get; set; } = [];
}

/// <summary>
/// <c>rebuild [read model...]</c>: replays the log into shadow tables of each named async read model (or of all) and
/// swaps them in when done, while the hosts keep answering from the live ones.
/// </summary>
[Description("Rebuild async read models from the log into shadow tables, swapping each in when done", Name = "rebuild")]
public sealed class RebuildVerb : LedgerVerb<RebuildInput>
{
    public RebuildVerb()
    {
        Usage("Rebuild every async read model").Arguments();
        Usage("Rebuild the named read models").Arguments(x => x.ReadModels);
    }

    protected override async Task<int> RunAsync(RebuildInput input, IServiceProvider services)
    {
        var known = LedgerReadModels.Names;
        if (input.ReadModels.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
        {
            await Console.Error.WriteLineAsync($"rebuild: no read model named '{unknown}'; known: {string.Join(", ", known)}.");
            return VerbExitCodes.Failed;
        }
        await services.MigrateAsync();
        var store = services.GetRequiredService<IDocumentStore>();
        var head = await LogHead.ReadAsync(services.GetRequiredService<LedgerDatabase>());
        foreach (var name in input.ReadModels.Any() ? input.ReadModels : known)
        {
            var started = Stopwatch.StartNew();
            await Console.Error.WriteLineAsync($"rebuild: {name}, replaying about {head:N0} events");
            var result = await ReadModelRebuild.RebuildAsync(store, name, new LineProgress(reached =>
                Console.Error.WriteLine($"rebuild: {name} at {reached:N0} of about {head:N0} events ({started.Elapsed.TotalSeconds:F1} s)")));
            Console.WriteLine($"rebuilt {result.ReadModel}: {result.Events} events in {result.Elapsed.TotalSeconds:0.0} s");
        }
        return VerbExitCodes.Done;
    }
}

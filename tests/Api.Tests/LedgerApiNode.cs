using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime;

namespace Ledger.Api.Tests;

/// <summary>
/// One of several hosts over one schema, as nodes of one ledger behind a load balancer: each its own process in all but
/// name (its own Wolverine node, connections and checkpoint key). The test owns the schema and drops it.
/// </summary>
public sealed class LedgerApiNode(string schema, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : LedgerApiFactory(schema, ownsSchema: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    /// <summary>Starts the host.</summary>
    public async Task<LedgerApiNode> StartedAsync()
    {
        await InitializeAsync();
        return this;
    }

    public IWolverineRuntime Wolverine => Services.GetRequiredService<IWolverineRuntime>();

    /// <summary>The agents Wolverine runs on this node (assigned by the leader among the nodes).</summary>
    public IReadOnlyList<Uri> RunningAgents => Wolverine.Agents.AllRunningAgentUris();
}

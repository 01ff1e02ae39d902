using Ledger.Api.Hosting;
using Marten;
using Wolverine;

namespace Ledger.Api.Verbs;

/// <summary>
/// The ledger's commands on Wolverine, started and migrated, for the verbs that record (<c>seed-demo</c>, <c>import
/// certificates</c>): the ledger's services without the web host's, and without the durability agents of a serving host
/// (a verb is one process for a moment, not a node). What they schedule is stored, and the serving hosts run it.
/// </summary>
public static class CommandsHost
{
    public static async Task<IHost> StartAsync(IConfiguration configuration)
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
}

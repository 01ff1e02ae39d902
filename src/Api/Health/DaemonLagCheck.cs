using System.Collections.Concurrent;
using JasperFx;
using Ledger.Projections.ReadModels;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;

namespace Ledger.Api.Health;

/// <summary><c>Ledger:Daemon:Readiness</c>: how long a read model may stay behind the log without advancing before the host is not ready.</summary>
public sealed class DaemonLagOptions
{
    public TimeSpan MaxStall { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// <c>daemon</c> in <c>/health/ready</c>: Marten's high-water mark, whether this node leads the daemon (HotCold: one
/// node projects, the others stand by) and, for each read model, the sequence it has reached, its lag behind the high-water mark and its state, as Marten records them (so any node answers, whichever
/// leads the daemon). Failing when one stopped on an error, or is behind and has not advanced for
/// <see cref="DaemonLagOptions.MaxStall"/>; a read model that is merely catching up is reported, not failed.
/// </summary>
public sealed class DaemonLagCheck(ReadModelStatusQuery status, TimeProvider time, DaemonLagOptions options, IServiceProvider services) : IReadinessCheck
{
    readonly ConcurrentDictionary<string, (long Sequence, DateTimeOffset Since)> lastAdvanced = new();

    public string Name => "daemon";

    public async Task<CheckResult> CheckAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // The daemon of this node, when it runs one: in HotCold mode it runs the read models only while this node leads.
        var local = services.GetService<IProjectionCoordinator>()?.DaemonForMainDatabase();
        var side = await status.ReadAsync(local, ct);
        var data = new Dictionary<string, object?>
        {
            ["highWaterMark"] = side.HighWaterMark,
            ["leading"] = local?.CurrentAgents().Any(a => a.Status == AgentStatus.Running) ?? false,
        };
        var passed = true;
        foreach (var model in side.ReadModels)
        {
            var seen = lastAdvanced.AddOrUpdate(model.Name, _ => (model.Sequence, now),
                (_, previous) => previous.Sequence == model.Sequence ? previous : (model.Sequence, now));
            var lag = Math.Max(0, side.HighWaterMark - model.Sequence);
            var sinceAdvanced = now - seen.Since;
            var failing = model.State == ReadModelState.StoppedOnError || (lag > 0 && sinceAdvanced > options.MaxStall);
            passed &= !failing;
            data[model.Name] = new Dictionary<string, object?>
            {
                ["sequence"] = model.Sequence,
                ["lag"] = lag,
                ["state"] = model.State.ToString(),
                ["secondsSinceAdvanced"] = Math.Round(sinceAdvanced.TotalSeconds, 1),
                ["error"] = model.Error,
            };
        }
        return new CheckResult(passed ? CheckResult.Ok : CheckResult.Failing, data);
    }
}

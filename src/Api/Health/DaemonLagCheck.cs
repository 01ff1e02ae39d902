using Ledger.Projections.Daemon;

namespace Ledger.Api.Health;

/// <summary><c>Ledger:Daemon:Readiness</c>: how long a projection may stay behind the log without advancing before the host is not ready.</summary>
public sealed class DaemonLagOptions
{
    public TimeSpan MaxStall { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// <c>daemon</c> in <c>/health/ready</c>: each projection's lag (events between its checkpoint and the head)
/// and state. Failing when one stopped on an error, or is behind and has not advanced for <see cref="DaemonLagOptions.MaxStall"/>;
/// a projection that is merely catching up is reported, not failed.
/// </summary>
public sealed class DaemonLagCheck(ProjectionDaemon daemon, DaemonLagOptions options) : IReadinessCheck
{
    public string Name => "daemon";

    public async Task<CheckResult> CheckAsync(CancellationToken ct)
    {
        var statuses = await daemon.GetStatusAsync(ct);
        var data = new Dictionary<string, object?>();
        var passed = true;
        foreach (var s in statuses)
        {
            var lag = Math.Max(0, s.Head - s.Checkpoint.Sequence);
            var stalled = lag > 0 && s.SinceLastAdvanced > options.MaxStall;
            var failing = s.State == ProjectionStates.StoppedOnError || stalled;
            passed &= !failing;
            data[s.Name] = new Dictionary<string, object?>
            {
                ["lag"] = lag,
                ["state"] = s.State,
                ["secondsSinceAdvanced"] = Math.Round(s.SinceLastAdvanced.TotalSeconds, 1),
                ["deadLetters"] = s.DeadLetters,
            };
        }
        return new CheckResult(passed ? CheckResult.Ok : CheckResult.Failing, data);
    }
}

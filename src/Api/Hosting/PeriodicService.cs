namespace Ledger.Api.Hosting;

/// <summary>
/// A job of the host run shortly after start, then every <see cref="Interval"/>, on the host's clock. Each round
/// deals with its own failures: a round that fails is tried again at the next tick.
/// </summary>
public abstract class PeriodicService(TimeProvider time) : BackgroundService
{
    /// <summary>The host's clock, which the rounds are timed by.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>How long after start the first round runs.</summary>
    protected abstract TimeSpan FirstAfter { get; }

    public abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    /// <summary>An interval from configuration; <paramref name="fallback"/> when missing or not positive.</summary>
    protected static TimeSpan ConfiguredInterval(IConfiguration configuration, string setting, TimeSpan fallback) =>
        configuration.GetValue(setting, fallback) is { } i && i > TimeSpan.Zero ? i : fallback;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstAfter, Time, stoppingToken);
            using var timer = new PeriodicTimer(Interval, Time);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

using Ledger.Store.Integrity;

namespace Ledger.Api.Hosting;

/// <summary>
/// Writes a signed checkpoint shortly after start, then every <c>Ledger:Integrity:CheckpointInterval</c>
/// (default 5 minutes). Several hosts may run it: the store serialises checkpoint writers with a lock,
/// and a checkpoint with nothing new since the last one is not written.
/// </summary>
public sealed class CheckpointService(LedgerIntegrity integrity, IConfiguration configuration, ILogger<CheckpointService> logger) : BackgroundService
{
    public const string IntervalSetting = "Ledger:Integrity:CheckpointInterval";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);
    static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(10);

    public TimeSpan Interval => configuration.GetValue(IntervalSetting, DefaultInterval) is { } i && i > TimeSpan.Zero ? i : DefaultInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstAfter, stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                await WriteOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task WriteOnceAsync(CancellationToken ct)
    {
        try
        {
            if (await integrity.WriteCheckpointAsync(ct) is { } checkpoint)
                logger.LogInformation("Checkpoint {Number} signed up to position {Position} ({Events} events) with key {KeyId}",
                    checkpoint.Number, checkpoint.Position.Sequence, checkpoint.EventCount, checkpoint.KeyId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next tick tries again; a missed checkpoint only delays when recent events become provable.
            logger.LogWarning(e, "Writing a checkpoint failed; retrying in {Interval}", Interval);
        }
    }
}

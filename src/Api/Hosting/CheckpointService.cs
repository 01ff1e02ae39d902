using Ledger.Integrity;

namespace Ledger.Api.Hosting;

/// <summary>
/// Writes a signed checkpoint shortly after start, then every <c>Ledger:Integrity:CheckpointInterval</c>
/// (default 5 minutes). Several hosts may run it: checkpoint writers take turns under a lock, a checkpoint
/// with nothing new since the last one is not written, and one never reaches past an append still in flight.
/// </summary>
public sealed class CheckpointService(LedgerIntegrity integrity, IConfiguration configuration, TimeProvider time, ILogger<CheckpointService> logger)
    : PeriodicService(time)
{
    public const string IntervalSetting = "Ledger:Integrity:CheckpointInterval";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    protected override TimeSpan FirstAfter => TimeSpan.FromSeconds(10);

    public override TimeSpan Interval => ConfiguredInterval(configuration, IntervalSetting, DefaultInterval);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            if (await integrity.WriteCheckpointAsync(ct) is { } checkpoint)
                logger.LogInformation("Checkpoint {Number} signed up to position {Position} ({Events} events) with key {KeyId}",
                    checkpoint.Number, checkpoint.Position, checkpoint.EventCount, checkpoint.KeyId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next tick tries again; a missed checkpoint only delays when recent events become provable.
            logger.LogWarning(e, "Writing a checkpoint failed; retrying in {Interval}", Interval);
        }
    }
}

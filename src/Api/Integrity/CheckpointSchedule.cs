using Ledger.Integrity;
using Wolverine;

namespace Ledger.Api.Integrity;

/// <summary>A signed checkpoint is due: one occurrence of <see cref="CheckpointSchedule"/>, at <paramref name="Occurrence"/>.</summary>
public sealed record SignCheckpoint(DateTimeOffset Occurrence);

/// <summary>
/// When the ledger signs checkpoints: a Wolverine recurring message on a cron schedule (<c>Ledger:Integrity:CheckpointSchedule</c>,
/// every 5 minutes by default, in UTC). Wolverine runs a schedule on one node at a time: its timer agent is given to one
/// node by the leader the nodes elect, and to another when that node goes. Each occurrence is handled on that node and
/// waited for; one that comes due while the previous one is still signing is skipped, and a failed one is logged: the
/// next checkpoint covers what it would have.
/// </summary>
public static class CheckpointSchedule
{
    public const string Setting = "Ledger:Integrity:CheckpointSchedule";
    public const string Default = "*/5 * * * *";

    /// <summary>The schedule's name in Wolverine (its agent is <c>wolverine-recurring-timer:///checkpoint</c>).</summary>
    public const string Name = "checkpoint";

    /// <summary>Adds the schedule; an expression that is not cron fails here, before the host starts.</summary>
    public static WolverineOptions AddCheckpointSchedule(this WolverineOptions options, IConfiguration configuration)
    {
        var cron = configuration[Setting] is { Length: > 0 } configured ? configured : Default;
        options.Discovery.IncludeType(typeof(SignCheckpointHandler));
        options.Schedules.ScheduleRecurring(Name, cron, at => new SignCheckpoint(at)).SkipWhileRunning();
        return options;
    }
}

/// <summary>Signs a checkpoint over the events committed since the last one (none when there are none).</summary>
public static class SignCheckpointHandler
{
    public static async Task Handle(SignCheckpoint due, LedgerIntegrity integrity, ILogger<SignCheckpoint> logger, CancellationToken ct)
    {
        if (await integrity.WriteCheckpointAsync(ct) is { } checkpoint)
            logger.LogInformation("Checkpoint {Number} signed up to position {Position} ({Events} events) with key {KeyId}",
                checkpoint.Number, checkpoint.Position, checkpoint.EventCount, checkpoint.KeyId);
    }
}

using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Batches;

/// <summary>Closes a batch on or after its last day; nobody is admitted afterwards.</summary>
public sealed record CompleteBatch(Guid BatchId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => BatchId;

    /// <summary>The day the batch was completed; today in Asia/Jakarta when not given.</summary>
    public DateOnly? CompletedOn { get; init; }

    public static IReadOnlyList<object> Decide(Batch state, CompleteBatch command)
    {
        if (!state.Planned) throw new Domain.NotFoundException($"No batch {command.BatchId} has been planned.");
        Require(!state.Completed, "The batch is already completed.");
        var day = EffectiveDates.Judge(command.CompletedOn, command.At, BatchFacts.Completion).NotBefore(BatchFacts.Completion, state.Latest);
        Require(day >= state.EndsOn, $"The batch runs until {state.EndsOn:yyyy-MM-dd}; it cannot be completed on {day:yyyy-MM-dd}, before its last day.");
        return [new BatchCompleted(command.BatchId, state.Participants.Count, day, command.At)];
    }
}

/// <summary>Decides on the batch's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class CompleteBatchHandler
{
    public static Task<CommandResult> Handle(CompleteBatch command, [WriteAggregate(Required = false)] IEventStream<Batch> batch, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(batch, state => CompleteBatch.Decide(state, command), ct);
}

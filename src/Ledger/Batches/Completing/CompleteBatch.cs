using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Batches;

/// <summary>Closes a batch once its last day has begun; nobody is admitted afterwards.</summary>
public sealed record CompleteBatch(Guid BatchId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => BatchId;

    public static IReadOnlyList<object> Decide(Batch state, CompleteBatch command)
    {
        if (!state.Planned) throw new Domain.NotFoundException($"No batch {command.BatchId} has been planned.");
        Require(!state.Completed, "The batch is already completed.");
        Require(Domain.Days.Of(command.At) >= state.EndsOn, $"The batch runs until {state.EndsOn:yyyy-MM-dd}; it cannot be completed before its last day.");
        return [new BatchCompleted(command.BatchId, state.Participants.Count, command.At)];
    }
}

/// <summary>Decides on the batch's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class CompleteBatchHandler
{
    public static Task<CommandResult> Handle(CompleteBatch command, [WriteAggregate(Required = false)] IEventStream<Batch> batch, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(batch, state => CompleteBatch.Decide(state, command), ct);
}

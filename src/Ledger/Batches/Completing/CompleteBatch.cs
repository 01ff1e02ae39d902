using Ledger.Batches;
using static Ledger.Domain.Rules;

namespace Ledger.Batches
{
    /// <summary>Closes a batch once its last day has begun; nobody is admitted afterwards.</summary>
    public sealed record CompleteBatch(Guid BatchId, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Batch state, CompleteBatch command)
        {
            if (!state.Planned) throw new Domain.NotFoundException($"No batch {command.BatchId} has been planned.");
            Require(!state.Completed, "The batch is already completed.");
            Require(Domain.Days.Of(command.At) >= state.EndsOn, $"The batch runs until {state.EndsOn:yyyy-MM-dd}; it cannot be completed before its last day.");
            return [new BatchCompleted(command.BatchId, state.Participants.Count, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(CompleteBatch command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Batch>(command.BatchId, command, null, options, state => CompleteBatch.Decide(state, command), ct);
    }
}

using Ledger.Agreements;
using Ledger.Batches;
using static Ledger.Domain.Rules;

namespace Ledger.Batches
{
    /// <summary>Plans a training and assessment batch under a PKS; <see cref="BatchId"/> is the new stream's id.</summary>
    public sealed record PlanBatch(
        Guid BatchId,
        Guid PksId,
        string CentreName,
        string Venue,
        string SchemeCode,
        DateOnly StartsOn,
        DateOnly EndsOn,
        int Capacity,
        string Actor,
        DateTimeOffset At) : Domain.ICommand
    {
        /// <summary>The plan, given the PKS it runs under.</summary>
        public static IReadOnlyList<object> Decide(Batch state, Pks pks, PlanBatch command)
        {
            Require(command.BatchId != Guid.Empty, "The batch needs an id.");
            Text(command.CentreName, "The training centre");
            Text(command.Venue, "The venue");
            var scheme = Domain.Rules.SchemeCode(command.SchemeCode);
            Require(command.EndsOn >= command.StartsOn, "A batch cannot end before it starts.");
            Require(command.Capacity > 0, "A batch must have room for at least one participant.");
            Require(!state.Planned, $"Batch {command.BatchId} is already planned.");
            Require(pks.Status != AgreementStatus.None, "A batch runs under a PKS: no such PKS has been recorded.");
            Require(pks.IsInForceOn(command.StartsOn), $"The PKS is not in force on {command.StartsOn:yyyy-MM-dd}, when the batch starts.");
            Require(pks.Covers(scheme), $"The PKS does not cover the scheme {scheme}.");
            return
            [
                new BatchPlanned(command.BatchId, command.PksId, command.CentreName.Trim(), command.Venue.Trim(), scheme,
                    command.StartsOn, command.EndsOn, command.Capacity, command.At),
            ];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(PlanBatch command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync(command.BatchId, command, null, options, async (unit, token) =>
            {
                var batch = await unit.FetchAsync<Batch>(command.BatchId, token).ConfigureAwait(false);
                var pks = await unit.FetchAsync<Pks>(command.PksId, token).ConfigureAwait(false);
                unit.Append(batch, PlanBatch.Decide(batch.State, pks.State, command));
            }, ct);
    }
}

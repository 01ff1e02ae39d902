using Ledger.Agreements;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements
{
    /// <summary>Ends a PKS before its term, with the reason; no enrollment counts against it afterwards.</summary>
    public sealed record TerminatePks(Guid PksId, DateOnly EffectiveOn, string Reason, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Pks state, TerminatePks command)
        {
            var reason = Text(command.Reason, "The reason for terminating the PKS");
            Agreement.EnsureInForce(state.Status, "PKS");
            return [new PksTerminated(command.PksId, reason, command.EffectiveOn, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(TerminatePks command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Pks>(command.PksId, command, command.Reason, options, state => TerminatePks.Decide(state, command), ct);
    }
}

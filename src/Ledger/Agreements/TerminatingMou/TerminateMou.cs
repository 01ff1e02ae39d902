using Ledger.Agreements;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements
{
    /// <summary>Ends an MoU before its term, with the reason.</summary>
    public sealed record TerminateMou(Guid MouId, DateOnly EffectiveOn, string Reason, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Mou state, TerminateMou command)
        {
            var reason = Text(command.Reason, "The reason for terminating the MoU");
            Agreement.EnsureInForce(state.Status, "MoU");
            return [new MouTerminated(command.MouId, reason, command.EffectiveOn, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(TerminateMou command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Mou>(command.MouId, command, command.Reason, options, state => TerminateMou.Decide(state, command), ct);
    }
}

using Ledger.Agreements;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements
{
    /// <summary>Records that a PKS's term has run out; refused while it still runs.</summary>
    public sealed record ExpirePks(Guid PksId, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        public static IReadOnlyList<object> Decide(Pks state, ExpirePks command)
        {
            Agreement.EnsureInForce(state.Status, "PKS");
            Require(Domain.Days.Of(command.At) > state.ValidUntil, $"The PKS runs until {state.ValidUntil:yyyy-MM-dd}; it has not expired.");
            return [new PksExpired(command.PksId, state.ValidUntil, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(ExpirePks command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync<Pks>(command.PksId, command, null, options, state => ExpirePks.Decide(state, command), ct);
    }
}

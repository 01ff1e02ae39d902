using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements;

/// <summary>Records that a PKS's term has run out; refused while it still runs.</summary>
public sealed record ExpirePks(Guid PksId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => PksId;

    public static IReadOnlyList<object> Decide(Pks state, ExpirePks command)
    {
        Agreement.EnsureInForce(state.Status, "PKS");
        Require(Domain.Days.InJakarta(command.At) > state.ValidUntil, $"The PKS runs until {state.ValidUntil:yyyy-MM-dd}; it has not expired.");
        return [new PksExpired(command.PksId, state.ValidUntil, command.At)];
    }
}

/// <summary>Decides on the Pks's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class ExpirePksHandler
{
    public static Task<CommandResult> Handle(ExpirePks command, [WriteAggregate(Required = false)] IEventStream<Pks> pks, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(pks, state => ExpirePks.Decide(state, command), ct);
}

using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements;

/// <summary>Ends a PKS before its term, with the reason; no enrollment counts against it afterwards.</summary>
public sealed record TerminatePks(Guid PksId, DateOnly EffectiveOn, string Reason, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => PksId;

    public static IReadOnlyList<object> Decide(Pks state, TerminatePks command)
    {
        var reason = Text(command.Reason, "The reason for terminating the PKS");
        Agreement.EnsureInForce(state.Status, "PKS");
        EffectiveDates.Judge(command.EffectiveOn, command.At, "termination").NotBefore("termination", "signing", state.SignedOn);
        return [new PksTerminated(command.PksId, reason, command.EffectiveOn, command.At)];
    }
}

/// <summary>Decides on the Pks's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class TerminatePksHandler
{
    public static Task<CommandResult> Handle(TerminatePks command, [WriteAggregate(Required = false)] IEventStream<Pks> pks, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(pks, state => TerminatePks.Decide(state, command), ct);
}

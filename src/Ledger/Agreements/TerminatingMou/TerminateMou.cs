using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements;

/// <summary>Ends an MoU before its term, with the reason.</summary>
public sealed record TerminateMou(Guid MouId, DateOnly EffectiveOn, string Reason, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => MouId;

    public static IReadOnlyList<object> Decide(Mou state, TerminateMou command)
    {
        var reason = Text(command.Reason, "The reason for terminating the MoU");
        Agreement.EnsureInForce(state.Status, "MoU");
        EffectiveDates.Judge(command.EffectiveOn, command.At, "termination").NotBefore("termination", "signing", state.SignedOn);
        return [new MouTerminated(command.MouId, reason, command.EffectiveOn, command.At)];
    }
}

/// <summary>Decides on the Mou's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class TerminateMouHandler
{
    public static Task<CommandResult> Handle(TerminateMou command, [WriteAggregate(Required = false)] IEventStream<Mou> mou, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(mou, state => TerminateMou.Decide(state, command), ct);
}

using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements;

/// <summary>Records that an MoU's term has run out; refused while it still runs.</summary>
public sealed record ExpireMou(Guid MouId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => MouId;

    public static IReadOnlyList<object> Decide(Mou state, ExpireMou command)
    {
        Agreement.EnsureInForce(state.Status, "MoU");
        Require(Domain.Days.InJakarta(command.At) > state.ValidUntil, $"The MoU runs until {state.ValidUntil:yyyy-MM-dd}; it has not expired.");
        return [new MouExpired(command.MouId, state.ValidUntil, command.At)];
    }
}

static class Agreement
{
    public static void EnsureInForce(AgreementStatus status, string what)
    {
        if (status == AgreementStatus.None) throw new Domain.NotFoundException($"No such {what} has been recorded.");
        Require(status != AgreementStatus.Terminated, $"The {what} has been terminated.");
        Require(status != AgreementStatus.Expired, $"The {what} has expired.");
    }
}

/// <summary>Decides on the Mou's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class ExpireMouHandler
{
    public static Task<CommandResult> Handle(ExpireMou command, [WriteAggregate(Required = false)] IEventStream<Mou> mou, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(mou, state => ExpireMou.Decide(state, command), ct);
}

using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements;

/// <summary>Records an MoU signed by a regency head and a centre head; <see cref="MouId"/> is the new stream's id.</summary>
public sealed record SignMou(
    Guid MouId,
    string RegencyCode,
    string CentreName,
    string RegencyHead,
    string CentreHead,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    string Actor,
    DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => MouId;

    public static IReadOnlyList<object> Decide(Mou state, SignMou command)
    {
        Require(command.MouId != Guid.Empty, "The MoU needs an id.");
        var regency = Domain.Rules.RegencyCode(command.RegencyCode);
        Text(command.CentreName, "The training and certification centre");
        Text(command.RegencyHead, "The regency head who signed");
        Text(command.CentreHead, "The centre head who signed");
        EffectiveDates.Judge(command.SignedOn, command.At, "signing");
        Require(command.ValidUntil > command.SignedOn, "The MoU's term must end after the day it is signed.");
        Require(state.Status == AgreementStatus.None, $"MoU {command.MouId} is already recorded.");
        return
        [
            new MouSigned(command.MouId, regency, command.CentreName.Trim(), command.RegencyHead.Trim(), command.CentreHead.Trim(),
                command.SignedOn, command.ValidUntil, command.At),
        ];
    }
}

/// <summary>Decides on the Mou's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class SignMouHandler
{
    public static Task<CommandResult> Handle(SignMou command, [WriteAggregate(Required = false)] IEventStream<Mou> mou, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(mou, state => SignMou.Decide(state, command), ct);
}

using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements;

/// <summary>
/// Records an MoU signed by a partner's head and a centre head; <see cref="MouId"/> is the new stream's id. The partner
/// is a regency (<see cref="RegencyCode"/>; a regency code alone means a regency), a province (<see cref="ProvinceCode"/>)
/// or a state-owned firm, private firm, ministry or agency, or school (<see cref="PartnerName"/>).
/// </summary>
public sealed record SignMou(
    Guid MouId,
    string? RegencyCode,
    string CentreName,
    string PartnerHead,
    string CentreHead,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    string Actor,
    DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => MouId;

    /// <summary>The partner's kind; a regency when left out and a regency code is given.</summary>
    public PartnerKind? PartnerKind { get; init; }

    /// <summary>The partner's name; a regency's or province's official name when left out.</summary>
    public string? PartnerName { get; init; }

    /// <summary>A province partner's code (<c>PP</c>).</summary>
    public string? ProvinceCode { get; init; }

    public static IReadOnlyList<object> Decide(Mou state, SignMou command)
    {
        Require(command.MouId != Guid.Empty, "The MoU needs an id.");
        var partner = Partner.Judge(command.PartnerKind, command.PartnerName, command.RegencyCode, command.ProvinceCode);
        Text(command.CentreName, "The training and certification centre");
        Text(command.PartnerHead, partner.IsRegency ? "The regency head who signed" : "The partner's head who signed");
        Text(command.CentreHead, "The centre head who signed");
        EffectiveDates.Judge(command.SignedOn, command.At, "signing");
        Require(command.ValidUntil > command.SignedOn, "The MoU's term must end after the day it is signed.");
        Require(state.Status == AgreementStatus.None, $"MoU {command.MouId} is already recorded.");
        return
        [
            new MouSigned(command.MouId, partner.RegencyCode, command.CentreName.Trim(), command.PartnerHead.Trim(), command.CentreHead.Trim(),
                command.SignedOn, command.ValidUntil, command.At)
            {
                PartnerKind = partner.Kind, PartnerName = partner.Name, ProvinceCode = partner.ProvinceCode,
            },
        ];
    }
}

/// <summary>Decides on the Mou's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class SignMouHandler
{
    public static Task<CommandResult> Handle(SignMou command, [WriteAggregate(Required = false)] IEventStream<Mou> mou, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(mou, state => SignMou.Decide(state, command), ct);
}

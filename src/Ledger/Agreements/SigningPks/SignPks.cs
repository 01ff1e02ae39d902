using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements;

/// <summary>
/// Records a cooperation agreement (PKS) signed under an MoU by the partner's agency head (the regency agency, Dinas, for
/// a regency) and the centre head; <see cref="PksId"/> is the new stream's id. The PKS takes the MoU's partner.
/// </summary>
public sealed record SignPks(
    Guid PksId,
    Guid MouId,
    string AgencyName,
    string AgencyHead,
    string CentreHead,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    IReadOnlyList<string> Schemes,
    int YearlyQuota,
    string? EquipmentAidPerArtisan,
    string Actor,
    DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => PksId;

    /// <summary>The PKS, given the MoU it is signed under.</summary>
    public static IReadOnlyList<object> Decide(Pks state, Mou mou, SignPks command)
    {
        Require(command.PksId != Guid.Empty, "The PKS needs an id.");
        Text(command.AgencyName, "The partner's agency");
        Text(command.AgencyHead, "The agency head who signed");
        Text(command.CentreHead, "The centre head who signed");
        Require(command.Schemes is { Count: > 0 }, "A PKS must cover at least one certification scheme.");
        var schemes = command.Schemes.Select(Domain.Rules.SchemeCode).Distinct().ToArray();
        Require(command.YearlyQuota > 0, "The yearly quota must be at least one artisan.");
        EffectiveDates.Judge(command.SignedOn, command.At, "signing");
        Require(command.ValidUntil > command.SignedOn, "The PKS's term must end after the day it is signed.");
        Require(state.Status == AgreementStatus.None, $"PKS {command.PksId} is already recorded.");

        Require(mou.Status != AgreementStatus.None, "A PKS needs a signed MoU: no such MoU has been recorded.");
        Require(mou.Status == AgreementStatus.InForce, $"A PKS needs an MoU in force: the MoU has been {mou.Status.ToString().ToLowerInvariant()}.");
        Require(mou.IsInForceOn(command.SignedOn),
            $"A PKS signed on {command.SignedOn:yyyy-MM-dd} falls outside its MoU's term ({mou.SignedOn:yyyy-MM-dd} to {mou.ValidUntil:yyyy-MM-dd}).");
        Require(command.ValidUntil <= mou.ValidUntil, $"The PKS cannot run beyond its MoU, which ends on {mou.ValidUntil:yyyy-MM-dd}.");

        return
        [
            new PksSigned(command.PksId, command.MouId, mou.RegencyCode, command.AgencyName.Trim(), command.AgencyHead.Trim(),
                command.CentreHead.Trim(), command.SignedOn, command.ValidUntil, schemes, command.YearlyQuota,
                string.IsNullOrWhiteSpace(command.EquipmentAidPerArtisan) ? null : command.EquipmentAidPerArtisan.Trim(), command.At)
            {
                PartnerKind = mou.Partner!.Kind, PartnerName = mou.Partner.Name, ProvinceCode = mou.Partner.ProvinceCode,
            },
        ];
    }
}

/// <summary>Decides on the PKS's stream, given the MoU it implements.</summary>
public static class SignPksHandler
{
    public static async Task<CommandResult> Handle(SignPks command, [WriteAggregate(Required = false)] IEventStream<Pks> pks, CommandAttempt attempt, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(pks.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(pks);
        var mou = await attempt.FetchAsync<Mou>(command.MouId, ct).ConfigureAwait(false);
        attempt.Append(state, SignPks.Decide(state.State, mou.State, command));
        return attempt.Result();
    }
}

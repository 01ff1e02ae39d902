using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Agreements;

/// <summary>Amends a PKS (addendum); a null field stays as it is.</summary>
public sealed record AmendPks(
    Guid PksId,
    string AmendmentNumber,
    IReadOnlyList<string>? Schemes,
    int? YearlyQuota,
    string? EquipmentAidPerArtisan,
    DateOnly? ValidUntil,
    string Reason,
    string Actor,
    DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => PksId;

    /// <summary>The day the amendment was signed; today in Asia/Jakarta when not given. A new quota is judged against that year's seats.</summary>
    public DateOnly? AmendedOn { get; init; }

    public static IReadOnlyList<object> Decide(Pks state, AmendPks command)
    {
        var number = Text(command.AmendmentNumber, "The amendment's number");
        Text(command.Reason, "The reason for the amendment");
        Require(command.Schemes is not null || command.YearlyQuota is not null || command.EquipmentAidPerArtisan is not null || command.ValidUntil is not null,
            "An amendment must change at least one term.");
        Agreement.EnsureInForce(state.Status, "PKS");
        var day = EffectiveDates.Judge(command.AmendedOn, command.At, "amendment").NotBefore("amendment", "signing", state.SignedOn);
        var schemes = command.Schemes?.Select(Domain.Rules.SchemeCode).Distinct().ToArray();
        if (schemes is not null) Require(schemes.Length > 0, "A PKS must cover at least one certification scheme.");
        if (command.YearlyQuota is { } quota)
        {
            var year = day.Year;
            Require(quota > 0, "The yearly quota must be at least one artisan.");
            Require(quota >= state.SeatsTakenIn(year),
                $"The quota cannot go below the {state.SeatsTakenIn(year)} artisans already enrolled under this PKS in {year}.");
        }
        if (command.ValidUntil is { } until) Require(until > state.SignedOn, "The PKS's term must end after the day it was signed.");
        return [new PksAmended(command.PksId, number, schemes, command.YearlyQuota, command.EquipmentAidPerArtisan?.Trim(), command.ValidUntil, day, command.At)];
    }
}

/// <summary>Decides on the Pks's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class AmendPksHandler
{
    public static Task<CommandResult> Handle(AmendPks command, [WriteAggregate(Required = false)] IEventStream<Pks> pks, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(pks, state => AmendPks.Decide(state, command), ct);
}

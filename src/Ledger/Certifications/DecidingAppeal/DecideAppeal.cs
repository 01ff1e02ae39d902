using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>Decides the open appeal: upheld sets the attempt aside so that a new one can be made; dismissed leaves it to the panel.</summary>
public sealed record DecideAppeal(Guid CertificationId, AppealOutcome Outcome, string Reason, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => CertificationId;

    /// <summary>The day the appeal was decided; today in Asia/Jakarta when not given.</summary>
    public DateOnly? DecidedOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, DecideAppeal command)
    {
        var reason = Text(command.Reason, "The reason for the appeal's outcome");
        state.EnsureOpen();
        var attempt = state.LatestAttempt;
        Require(attempt is { Appeal: AppealStatus.Open }, "There is no open appeal to decide.");
        var day = state.DayOf(CertificationFacts.AppealDecision, command.DecidedOn, command.At);
        return [new AppealDecided(command.CertificationId, attempt!.Number, command.Outcome, reason, day, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class DecideAppealHandler
{
    public static Task<CommandResult> Handle(DecideAppeal command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => DecideAppeal.Decide(state, command), ct);
}

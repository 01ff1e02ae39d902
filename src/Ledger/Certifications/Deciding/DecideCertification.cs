using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>
/// Records the decision panel's K or BK on the latest attempt. No panel member may be that attempt's
/// assessor, and an open appeal must be decided first.
/// </summary>
public sealed record DecideCertification(Guid CertificationId, Competence Decision, IReadOnlyList<string> Panel, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => CertificationId;

    /// <summary>The day the panel decided; today in Asia/Jakarta when not given.</summary>
    public DateOnly? DecidedOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, DecideCertification command)
    {
        Require(command.Panel is { Count: > 0 }, "The decision must name the members of the panel.");
        var panel = command.Panel.Select(m => Text(m, "Each panel member's name")).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        state.EnsureOpen();
        var attempt = state.LatestAttempt ?? throw new Domain.DomainException("There is no assessment to decide on.");
        Require(attempt.Appeal != AppealStatus.Open, $"An appeal against attempt {attempt.Number} is open; it must be decided first.");
        Require(attempt.Appeal != AppealStatus.Upheld, $"Attempt {attempt.Number} was set aside on appeal; a new attempt is needed.");
        Require(attempt.Decision is null, $"Attempt {attempt.Number} has already been decided.");
        var assessor = panel.FirstOrDefault(m => string.Equals(m, attempt.Assessor, StringComparison.OrdinalIgnoreCase));
        Require(assessor is null, $"{assessor} assessed attempt {attempt.Number} and cannot sit on the panel that decides it.");
        var day = state.DayOf(CertificationFacts.Decision, command.DecidedOn, command.At);
        return [new CertificationDecided(command.CertificationId, attempt.Number, command.Decision, panel, day, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class DecideCertificationHandler
{
    public static Task<CommandResult> Handle(DecideCertification command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => DecideCertification.Decide(state, command), ct);
}

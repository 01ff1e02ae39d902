using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>Accepts the application (FR.APL.01) and self-assessment (FR.APL.02) as complete, including a resubmission after a return.</summary>
public sealed record AcceptApplication(Guid CertificationId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => CertificationId;

    /// <summary>The day the application was accepted; today in Asia/Jakarta when not given.</summary>
    public DateOnly? AcceptedOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, AcceptApplication command)
    {
        state.EnsureOpen();
        Require(state.Application != ApplicationStatus.Accepted, "The application is already accepted.");
        var day = state.DayOf(CertificationFacts.Acceptance, command.AcceptedOn, command.At);
        return [new ApplicationAccepted(command.CertificationId, day, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class AcceptApplicationHandler
{
    public static Task<CommandResult> Handle(AcceptApplication command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => AcceptApplication.Decide(state, command), ct);
}

using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>Returns an incomplete application to the candidate, saying what is missing.</summary>
public sealed record ReturnApplication(Guid CertificationId, string Reason, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => CertificationId;

    /// <summary>The day the application was returned; today in Asia/Jakarta when not given.</summary>
    public DateOnly? ReturnedOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, ReturnApplication command)
    {
        var reason = Text(command.Reason, "The reason for returning the application");
        state.EnsureOpen();
        Require(state.Application != ApplicationStatus.Accepted, "The application was already accepted; it can no longer be returned.");
        var day = state.DayOf(CertificationFacts.Return, command.ReturnedOn, command.At);
        return [new ApplicationReturned(command.CertificationId, reason, day, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class ReturnApplicationHandler
{
    public static Task<CommandResult> Handle(ReturnApplication command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => ReturnApplication.Decide(state, command), ct);
}

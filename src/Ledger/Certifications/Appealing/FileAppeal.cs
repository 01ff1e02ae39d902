using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>Files the candidate's appeal (banding, FR.AK.04) against the latest attempt, before the panel decides on it.</summary>
public sealed record FileAppeal(Guid CertificationId, string Grounds, string Actor, DateTimeOffset At) : ICommand, IGivenForAReason
{
    Guid ICommand.StreamId => CertificationId;

    string? IGivenForAReason.Reason => Grounds;

    /// <summary>The day the appeal was filed; today in Asia/Jakarta when not given.</summary>
    public DateOnly? FiledOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, FileAppeal command)
    {
        var grounds = Text(command.Grounds, "The grounds of the appeal");
        state.EnsureOpen();
        var attempt = state.LatestAttempt ?? throw new Domain.DomainException("There is no assessment to appeal against.");
        Require(attempt.Appeal != AppealStatus.Open, $"An appeal against attempt {attempt.Number} is already open.");
        Require(attempt.Appeal == AppealStatus.None, $"Attempt {attempt.Number} has already been appealed against.");
        Require(attempt.Decision is null, $"Attempt {attempt.Number} has already been decided; an appeal must come before the decision.");
        var day = state.DayOf(CertificationFacts.Appeal, command.FiledOn, command.At);
        return [new AppealFiled(command.CertificationId, attempt.Number, grounds, day, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class FileAppealHandler
{
    public static Task<CommandResult> Handle(FileAppeal command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => FileAppeal.Decide(state, command), ct);
}

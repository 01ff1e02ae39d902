using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Training;

/// <summary>
/// Records that an admitted participant completed the programme; the centre's training certificate is issued with it,
/// numbered in the programme (<see cref="TrainingCertificateNumber"/>). The competency certificate remains the LSP's.
/// </summary>
public sealed record CompleteTraining(Guid ProgrammeId, Guid ArtisanId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => ProgrammeId;

    /// <summary>The day the participant completed the programme; today in Asia/Jakarta when not given.</summary>
    public DateOnly? CompletedOn { get; init; }

    public static IReadOnlyList<object> Decide(TrainingProgramme state, CompleteTraining command)
    {
        if (!state.Planned) throw new NotFoundException($"No training programme {command.ProgrammeId} has been planned.");
        var trainee = state.TraineeOf(command.ArtisanId)
            ?? throw new DomainException($"Artisan {command.ArtisanId} was not admitted to the programme.");
        Require(!trainee.Completed, $"Artisan {command.ArtisanId} already completed the programme: training certificate {trainee.CertificateNumber}.");
        var day = EffectiveDates.Judge(command.CompletedOn, command.At, TrainingFacts.Completion)
            .NotBefore(TrainingFacts.Completion, TrainingFacts.Admission, trainee.AdmittedOn);
        var number = TrainingCertificateNumber.For(command.ProgrammeId, state.Year, state.CompletedCount + 1);
        return [new TrainingCompleted(command.ProgrammeId, command.ArtisanId, number.ToString(), day, command.At)];
    }
}

/// <summary>Decides on the programme's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class CompleteTrainingHandler
{
    public static Task<CommandResult> Handle(CompleteTraining command, [WriteAggregate("ProgrammeId", Required = false)] IEventStream<TrainingProgramme> programme,
        CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(programme, state => CompleteTraining.Decide(state, command), ct);
}

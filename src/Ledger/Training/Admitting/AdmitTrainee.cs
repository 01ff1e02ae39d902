using JasperFx.Events;
using Ledger.Artisans;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Training;

/// <summary>Admits an artisan registered in the ledger to a training programme.</summary>
public sealed record AdmitTrainee(Guid ProgrammeId, Guid ArtisanId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => ProgrammeId;

    /// <summary>The day of admission; today in Asia/Jakarta when not given.</summary>
    public DateOnly? AdmittedOn { get; init; }

    public static IReadOnlyList<object> Decide(TrainingProgramme state, Artisan artisan, AdmitTrainee command)
    {
        if (!state.Planned) throw new NotFoundException($"No training programme {command.ProgrammeId} has been planned.");
        if (!artisan.Registered) throw new NotFoundException($"No artisan {command.ArtisanId} is registered.");
        var day = EffectiveDates.Judge(command.AdmittedOn, command.At, TrainingFacts.Admission)
            .NotBefore(TrainingFacts.Admission, TrainingFacts.Planning, state.PlannedOn);
        Require(state.TraineeOf(command.ArtisanId) is null, $"Artisan {command.ArtisanId} is already admitted to the programme.");
        return [new TraineeAdmitted(command.ProgrammeId, command.ArtisanId, day, command.At)];
    }
}

/// <summary>Decides on the programme's stream, given the artisan admitted.</summary>
public static class AdmitTraineeHandler
{
    public static async Task<CommandResult> Handle(AdmitTrainee command, [WriteAggregate("ProgrammeId", Required = false)] IEventStream<TrainingProgramme> programme,
        CommandAttempt attempt, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(programme.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(programme);
        var artisan = await attempt.FetchAsync<Artisan>(command.ArtisanId, ct).ConfigureAwait(false);
        attempt.Append(state, AdmitTrainee.Decide(state.State, artisan.State, command));
        return attempt.Result();
    }
}

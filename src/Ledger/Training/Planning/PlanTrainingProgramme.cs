using JasperFx.Events;
using Ledger.Agreements;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Training;

/// <summary>
/// Plans a centre's training programme for a year under an MoU, whose partner it trains for: the field and the trainees it
/// aims to train; <see cref="ProgrammeId"/> is the new stream's id.
/// </summary>
public sealed record PlanTrainingProgramme(
    Guid ProgrammeId,
    string CentreName,
    Guid MouId,
    TrainingField Field,
    int Year,
    int TargetTrainees,
    string Actor,
    DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => ProgrammeId;

    /// <summary>The day the programme was planned; today in Asia/Jakarta when not given.</summary>
    public DateOnly? PlannedOn { get; init; }

    /// <summary>The plan, given the MoU with the partner.</summary>
    public static IReadOnlyList<object> Decide(TrainingProgramme state, Mou mou, PlanTrainingProgramme command)
    {
        Require(command.ProgrammeId != Guid.Empty, "The programme needs an id.");
        var centre = Text(command.CentreName, "The training centre");
        Require(command.TargetTrainees > 0, "The yearly target must be at least one trainee.");
        var day = EffectiveDates.Judge(command.PlannedOn, command.At, "planning");
        Require(command.Year >= day.Year - 1 && command.Year <= day.Year + 1,
            $"A programme is planned for the year before, of or after its planning date {day:yyyy-MM-dd}, not for {command.Year}.");
        Require(!state.Planned, $"Programme {command.ProgrammeId} is already planned.");
        Require(mou.Status != AgreementStatus.None, "A programme trains for a partner: no such MoU has been recorded.");
        Require(mou.Partner is not null, "The MoU names no partner.");
        Require(mou.SignedOn.Year <= command.Year && mou.ValidUntil.Year >= command.Year,
            $"The MoU runs from {mou.SignedOn:yyyy-MM-dd} to {mou.ValidUntil:yyyy-MM-dd}, not in {command.Year}.");
        return
        [
            new TrainingProgrammePlanned(command.ProgrammeId, centre, command.MouId, mou.Partner!.Kind, mou.Partner.Name, command.Field, command.Year,
                command.TargetTrainees, day, command.At),
        ];
    }
}

/// <summary>Decides on the programme's stream, given the MoU it trains under.</summary>
public static class PlanTrainingProgrammeHandler
{
    public static async Task<CommandResult> Handle(PlanTrainingProgramme command, [WriteAggregate("ProgrammeId", Required = false)] IEventStream<TrainingProgramme> programme,
        CommandAttempt attempt, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(programme.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(programme);
        var mou = await attempt.FetchAsync<Mou>(command.MouId, ct).ConfigureAwait(false);
        attempt.Append(state, PlanTrainingProgramme.Decide(state.State, mou.State, command));
        return attempt.Result();
    }
}

using JasperFx.Events;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Batches;

/// <summary>Names a qualified trainer (narasumber) as one of a batch's trainers.</summary>
public sealed record NameBatchTrainer(Guid BatchId, Guid ArtisanId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => BatchId;

    /// <summary>The day the trainer was named; today in Asia/Jakarta when not given.</summary>
    public DateOnly? NamedOn { get; init; }

    /// <summary>
    /// The naming, given the trainer's artisan stream and their certification in the batch's scheme: only an artisan
    /// qualified as a trainer in that scheme, whose certificate in it is in force on the day, and not yet named.
    /// </summary>
    public static IReadOnlyList<object> Decide(Batch state, Artisan trainer, Certification certification, NameBatchTrainer command)
    {
        if (!state.Planned) throw new Domain.NotFoundException($"No batch {command.BatchId} has been planned.");
        Require(!state.Completed, "The batch is completed: its trainers can no longer be named.");
        if (!trainer.Registered) throw new Domain.NotFoundException($"No artisan {command.ArtisanId} has been registered.");
        Require(!trainer.Erased, "The artisan's personal data was erased: they cannot be named as a trainer.");
        Require(trainer.TrainerSchemes.Contains(state.SchemeCode),
            $"The artisan is not qualified as a trainer in {state.SchemeCode}, the batch's scheme.");
        Require(!state.Trainers.Contains(command.ArtisanId), "The artisan is already one of the batch's trainers.");
        var day = EffectiveDates.Judge(command.NamedOn, command.At, BatchFacts.TrainerNaming).NotBefore(BatchFacts.TrainerNaming, BatchFacts.Planning, state.PlannedOn);
        Require(certification.WasInForceOn(day),
            $"The trainer's certificate in {state.SchemeCode} was not in force on {day:yyyy-MM-dd}: a trainer must hold a valid certificate in the batch's scheme.");
        return [new BatchTrainerNamed(command.BatchId, command.ArtisanId, state.SchemeCode, certification.Certificate!.Number, day, command.At)];
    }
}

/// <summary>Decides on the batch's stream, given the trainer's artisan stream and certification in the batch's scheme.</summary>
public static class NameBatchTrainerHandler
{
    public static async Task<CommandResult> Handle(NameBatchTrainer command, [WriteAggregate(Required = false)] IEventStream<Batch> batch, CommandAttempt attempt, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(batch.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(batch);
        var trainer = await attempt.FetchAsync<Artisan>(command.ArtisanId, ct).ConfigureAwait(false);
        var certification = await attempt.FetchAsync<Certification>(CertificationStreams.IdFor(command.ArtisanId, state.State.SchemeCode), ct).ConfigureAwait(false);
        attempt.Append(state, NameBatchTrainer.Decide(state.State, trainer.State, certification.State, command));
        return attempt.Result();
    }
}

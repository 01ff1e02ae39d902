using JasperFx.Events;
using Ledger.Agreements;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Batches;

/// <summary>Plans a training and assessment batch under a PKS; <see cref="BatchId"/> is the new stream's id.</summary>
public sealed record PlanBatch(
    Guid BatchId,
    Guid PksId,
    string CentreName,
    string Venue,
    string SchemeCode,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int Capacity,
    string Actor,
    DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => BatchId;

    /// <summary>The day the batch was planned; today in Asia/Jakarta when not given. Admissions cannot precede it.</summary>
    public DateOnly? PlannedOn { get; init; }

    /// <summary>The plan, given the PKS it runs under.</summary>
    public static IReadOnlyList<object> Decide(Batch state, Pks pks, PlanBatch command)
    {
        Require(command.BatchId != Guid.Empty, "The batch needs an id.");
        Text(command.CentreName, "The training centre");
        Text(command.Venue, "The venue");
        var scheme = Domain.Rules.SchemeCode(command.SchemeCode);
        Require(command.EndsOn >= command.StartsOn, "A batch cannot end before it starts.");
        Require(command.Capacity > 0, "A batch must have room for at least one participant.");
        Require(!state.Planned, $"Batch {command.BatchId} is already planned.");
        Require(pks.Status != AgreementStatus.None, "A batch runs under a PKS: no such PKS has been recorded.");
        Require(pks.IsInForceOn(command.StartsOn), $"The PKS is not in force on {command.StartsOn:yyyy-MM-dd}, when the batch starts.");
        Require(pks.Covers(scheme), $"The PKS does not cover the scheme {scheme}.");
        var day = EffectiveDates.Judge(command.PlannedOn, command.At, "planning");
        return
        [
            new BatchPlanned(command.BatchId, command.PksId, command.CentreName.Trim(), command.Venue.Trim(), scheme,
                command.StartsOn, command.EndsOn, command.Capacity, day, command.At),
        ];
    }
}

/// <summary>Decides on the batch's stream, given the PKS it runs under.</summary>
public static class PlanBatchHandler
{
    public static async Task<CommandResult> Handle(PlanBatch command, [WriteAggregate(Required = false)] IEventStream<Batch> batch, CommandAttempt attempt, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(batch.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(batch);
        var pks = await attempt.FetchAsync<Pks>(command.PksId, ct).ConfigureAwait(false);
        attempt.Append(state, PlanBatch.Decide(state.State, pks.State, command));
        return attempt.Result();
    }
}

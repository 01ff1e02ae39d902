using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Batches;

/// <summary>A training and assessment batch was planned at a centre, under a PKS, for one scheme, on <see cref="PlannedOn"/>.</summary>
public sealed record BatchPlanned(
    Guid BatchId,
    Guid PksId,
    string CentreName,
    string Venue,
    string SchemeCode,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int Capacity,
    DateOnly? PlannedOn,
    DateTimeOffset PlannedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(PlannedOn, PlannedAt);
}

/// <summary>An enrolled artisan took a seat in the batch.</summary>
public sealed record BatchParticipantAdmitted(Guid BatchId, Guid CertificationId, Guid ArtisanId, DateOnly? AdmittedOn, DateTimeOffset AdmittedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(AdmittedOn, AdmittedAt);
}

/// <summary>The batch's training and assessment days are over.</summary>
public sealed record BatchCompleted(Guid BatchId, int Participants, DateOnly? CompletedOn, DateTimeOffset CompletedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => EffectiveDates.DayOf(CompletedOn, CompletedAt);
}

/// <summary>
/// A qualified trainer (narasumber) was named as one of the batch's trainers: an artisan qualified in the batch's
/// scheme, whose certificate <see cref="CertificateNumber"/> was in force on <see cref="NamedOn"/>.
/// </summary>
public sealed record BatchTrainerNamed(Guid BatchId, Guid ArtisanId, string SchemeCode, string CertificateNumber, DateOnly NamedOn, DateTimeOffset NamedAt)
    : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => NamedOn;
}

/// <summary>The facts of a batch in a registrar's words, as refusals name them.</summary>
public static class BatchFacts
{
    public const string Planning = "planning of the batch";
    public const string Admission = "latest admission to the batch";
    public const string Completion = "completion";
    public const string TrainerNaming = "naming of the trainer";
}

/// <summary>The batch stream: its plan and its participants (capacity is enforced here).</summary>
public sealed record Batch(
    Guid Id,
    bool Planned,
    bool Completed,
    Guid PksId,
    string SchemeCode,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int Capacity,
    IReadOnlyList<Guid> Participants,
    LatestFact? Latest = null) : IAggregate<Batch>
{
    /// <summary>The artisans named as the batch's trainers.</summary>
    public IReadOnlyList<Guid> Trainers { get; init; } = [];

    /// <summary>The day the batch was planned: no admission precedes it.</summary>
    public DateOnly PlannedOn { get; init; }

    public static Batch Initial { get; } = new(Guid.Empty, false, false, Guid.Empty, "", default, default, 0, []);

    public static Batch Fold(Batch state, object @event) => @event switch
    {
        BatchPlanned e => state with
        {
            Id = e.BatchId, Planned = true, PksId = e.PksId, SchemeCode = e.SchemeCode, StartsOn = e.StartsOn,
            EndsOn = e.EndsOn, Capacity = e.Capacity, PlannedOn = e.EffectiveOn, Latest = new LatestFact(BatchFacts.Planning, e.EffectiveOn),
        },
        BatchParticipantAdmitted e => state with
        {
            Participants = [.. state.Participants, e.CertificationId],
            Latest = LatestFact.Of(state.Latest, BatchFacts.Admission, e.EffectiveOn),
        },
        BatchTrainerNamed e => state with { Trainers = [.. state.Trainers, e.ArtisanId] },
        BatchCompleted => state with { Completed = true },
        _ => state,
    };
}

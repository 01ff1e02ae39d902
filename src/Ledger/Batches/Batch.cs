using Ledger.Domain;

namespace Ledger.Batches;

/// <summary>A training and assessment batch was planned at a centre, under a PKS, for one scheme.</summary>
public sealed record BatchPlanned(
    Guid BatchId,
    Guid PksId,
    string CentreName,
    string Venue,
    string SchemeCode,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int Capacity,
    DateTimeOffset PlannedAt);

/// <summary>An enrolled artisan took a seat in the batch.</summary>
public sealed record BatchParticipantAdmitted(Guid BatchId, Guid CertificationId, Guid ArtisanId, DateTimeOffset AdmittedAt);

/// <summary>The batch's training and assessment days are over.</summary>
public sealed record BatchCompleted(Guid BatchId, int Participants, DateTimeOffset CompletedAt);

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
    IReadOnlyList<Guid> Participants) : IAggregate<Batch>
{
    public static Batch Initial { get; } = new(Guid.Empty, false, false, Guid.Empty, "", default, default, 0, []);

    public static Batch Fold(Batch state, object @event) => @event switch
    {
        BatchPlanned e => state with
        {
            Id = e.BatchId, Planned = true, PksId = e.PksId, SchemeCode = e.SchemeCode, StartsOn = e.StartsOn,
            EndsOn = e.EndsOn, Capacity = e.Capacity,
        },
        BatchParticipantAdmitted e => state with { Participants = [.. state.Participants, e.CertificationId] },
        BatchCompleted => state with { Completed = true },
        _ => state,
    };
}

using JasperFx.Events.Projections;
using Ledger.Domain;
using Ledger.Marten;
using Marten;

namespace Ledger.Testing;

public sealed record TallyOpened(Guid TallyId, string Name);
public sealed record TallyIncremented(Guid TallyId, int By);
public sealed record TallyRenamed(Guid TallyId, string Name);

/// <summary>A small stream type for exercising the store and the projections.</summary>
public sealed record Tally(string Name, int Total, int Events) : IAggregate<Tally>
{
    public static Tally Initial { get; } = new("", 0, 0);

    /// <summary>The name no tally may take: the projection refuses it, as a stand-in for an event it cannot apply.</summary>
    public const string Poison = "poison";

    /// <summary>The tally's stream id (Marten keys every folded state by its stream).</summary>
    public Guid Id { get; init; }

    public static Tally Fold(Tally state, object @event) => @event switch
    {
        TallyOpened e => state with { Id = e.TallyId, Name = e.Name, Events = state.Events + 1 },
        TallyIncremented e => state with { Total = state.Total + e.By, Events = state.Events + 1 },
        TallyRenamed e => state with { Name = e.Name, Events = state.Events + 1 },
        _ => state,
    };

    /// <summary>Registers the tally's events under stable names and its fold, beside the ledger's own.</summary>
    public static void Register(StoreOptions options)
    {
        options.Events.MapEventType<TallyOpened>("tally_opened");
        options.Events.MapEventType<TallyIncremented>("tally_incremented");
        options.Events.MapEventType<TallyRenamed>("tally_renamed");
        options.Projections.Add(new StreamAggregation<Tally>(), ProjectionLifecycle.Live);
    }
}

using Ledger.Store;

namespace Ledger.Testing;

public sealed record TallyOpened(Guid TallyId, string Name);
public sealed record TallyIncremented(Guid TallyId, int By);
public sealed record TallyRenamed(Guid TallyId, string Name);

/// <summary>A small stream type for exercising the store and the projection engine.</summary>
public sealed record Tally(string Name, int Total, int Events) : IAggregate<Tally>
{
    public static string StreamType => "tally";

    public static Tally Initial { get; } = new("", 0, 0);

    /// <summary>The name no tally may take: the projection refuses it, as a stand-in for an event it cannot apply.</summary>
    public const string Poison = "poison";

    public static Tally Fold(Tally state, object @event) => @event switch
    {
        TallyOpened e => state with { Name = e.Name, Events = state.Events + 1 },
        TallyIncremented e => state with { Total = state.Total + e.By, Events = state.Events + 1 },
        TallyRenamed e => state with { Name = e.Name, Events = state.Events + 1 },
        _ => state,
    };

    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<TallyOpened>("tally_opened")
        .Register<TallyIncremented>("tally_incremented")
        .Register<TallyRenamed>("tally_renamed");
}

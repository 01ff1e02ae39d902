namespace Ledger.Domain;

/// <summary>
/// An immutable state folded from one stream's events: <c>Fold(state, event)</c> for each event in
/// order, starting from <c>Initial</c>. Unknown events must leave the state as it is.
/// </summary>
public interface IAggregate<TSelf> where TSelf : IAggregate<TSelf>
{
    static abstract TSelf Initial { get; }

    static abstract TSelf Fold(TSelf state, object @event);
}

/// <summary>A state together with the stream version it was folded up to (0 when the stream does not exist).</summary>
public sealed record StreamState<T>(Guid StreamId, T State, long Version)
{
    public bool Exists => Version > 0;
}

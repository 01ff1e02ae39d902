using Ledger.Domain;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ledger.Marten;

/// <summary>
/// How Marten folds a stream into its domain state: the state's own pure <c>Fold</c>, starting from
/// <c>Initial</c>. Registered live, so <c>FetchForWriting</c> and <c>AggregateStreamAsync</c> (at a version
/// or a moment) fold the stream on every read and nothing is stored but the events.
/// </summary>
public sealed class StreamAggregation<T> : SingleStreamProjection<T, Guid> where T : class, IAggregate<T>
{
    public override T? Evolve(T? snapshot, Guid id, IEvent e) => T.Fold(snapshot ?? T.Initial, e.Data);
}

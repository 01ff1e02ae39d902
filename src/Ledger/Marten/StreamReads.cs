using Ledger.Domain;
using Marten;

namespace Ledger.Marten;

/// <summary>Reading one stream's state together with the version it stands at, from a single read of its events.</summary>
public static class StreamReads
{
    /// <summary>
    /// The stream folded up to <paramref name="version"/> or <paramref name="timestamp"/> (its end when neither is given)
    /// and the version of its last event folded; null when the stream holds no such event. The state and its version
    /// come from one statement, so the version (an API's ETag) is always the version of the state shown.
    /// </summary>
    public static async Task<StreamState<T>?> ReadStateAsync<T>(
        this IQuerySession session, Guid id, long version = 0, DateTimeOffset? timestamp = null, CancellationToken ct = default)
        where T : IAggregate<T>
    {
        var events = await session.Events.FetchStreamAsync(id, version, timestamp, token: ct).ConfigureAwait(false);
        if (events.Count == 0) return null;
        var state = T.Initial;
        foreach (var e in events) state = T.Fold(state, e.Data);
        return new StreamState<T>(id, state, events[^1].Version);
    }
}

using Ledger.Store.Operations;

namespace Ledger.Store;

public sealed partial class EventStore
{
    /// <summary>A stream's events from <paramref name="fromVersion"/> to <paramref name="toVersion"/>, in order.</summary>
    public Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(
        Guid streamId, long fromVersion = 1, long toVersion = long.MaxValue, CancellationToken ct = default) =>
        FetchStreamAsync(streamId, fromVersion, toVersion, asOf: null, ct);

    /// <summary>A stream's events as it stood at the instant <paramref name="asOf"/>: those recorded before the first one recorded after it.</summary>
    public Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(
        Guid streamId, long fromVersion, long toVersion, DateTimeOffset? asOf, CancellationToken ct = default) =>
        ReadEventsAsync(() => ReadStream.Command(DataSource, Schema.Quoted, streamId, fromVersion, toVersion, asOf), ct);

    /// <summary>
    /// The events <paramref name="actor"/> recorded on a stream under <paramref name="idempotencyKey"/> (see
    /// <see cref="EventMetadata.IdempotencyKey"/>), in order; none when no such request was ever committed.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> FetchRecordedUnderAsync(
        Guid streamId, string actor, string idempotencyKey, CancellationToken ct = default) =>
        ReadEventsAsync(() => ReadStream.ByIdempotencyKey(DataSource, Schema.Quoted, streamId, actor, idempotencyKey), ct);

    /// <summary>Runs a query of event rows (a fresh command per attempt, retried on transient errors) and reads them all.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(Func<Npgsql.NpgsqlCommand> query, CancellationToken ct) =>
        Resilience.ExecuteAsync(async token =>
        {
            await using var command = query();
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var events = new List<StoredEvent>();
            while (await reader.ReadAsync(token).ConfigureAwait(false)) events.Add(EventRows.Read(reader, Events));
            return (IReadOnlyList<StoredEvent>)events;
        }, ct).AsTask();

    /// <summary>The current state of a stream and its version, to decide on and append at (version 0: no stream yet).</summary>
    public async Task<StreamState<T>> FetchForWritingAsync<T>(Guid streamId, CancellationToken ct = default)
        where T : IAggregate<T> =>
        await AggregateStreamAsync<T>(streamId, ct: ct).ConfigureAwait(false) ?? new StreamState<T>(streamId, T.Initial, 0);

    /// <summary>
    /// Folds a stream as it stood at <paramref name="version"/> or at the instant <paramref name="asOf"/>
    /// (both optional: the latest by default); null when the stream had no events by then.
    /// </summary>
    public async Task<StreamState<T>?> AggregateStreamAsync<T>(
        Guid streamId, long? version = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
        where T : IAggregate<T>
    {
        var events = await FetchStreamAsync(streamId, 1, version ?? long.MaxValue, asOf, ct).ConfigureAwait(false);
        var state = T.Initial;
        long at = 0;
        foreach (var e in events)
        {
            state = T.Fold(state, e.Data);
            at = e.Version;
        }
        return at == 0 ? null : new StreamState<T>(streamId, state, at);
    }
}

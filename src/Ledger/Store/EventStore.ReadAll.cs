using Ledger.Store.Operations;
using Npgsql;

namespace Ledger.Store;

public sealed partial class EventStore
{
    /// <summary>Up to <paramref name="max"/> events after global sequence <paramref name="afterSequence"/>, in global order.</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterSequence, int max, CancellationToken ct = default) =>
        ReadAsync(() => ReadAll.Command(DataSource, Schema.Quoted, afterSequence, max), ct);

    /// <summary>
    /// Up to <paramref name="max"/> events after <paramref name="after"/> in the committed log that
    /// projections read: only what no transaction still running can precede, so nothing is ever skipped.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadCommittedAsync(LogPosition after, int max, CancellationToken ct = default) =>
        ReadAsync(() => ReadCommitted.Command(DataSource, Schema.Quoted, after, max), ct);

    /// <summary>The highest global sequence number recorded (0 for an empty store).</summary>
    public async Task<long> HeadAsync(CancellationToken ct = default) =>
        await Resilience.ExecuteAsync(async token =>
        {
            await using var command = DataSource.CreateCommand($"select coalesce(max(seq), 0) from {Schema.Quoted}.events");
            return (long)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
        }, ct).ConfigureAwait(false);

    Task<IReadOnlyList<StoredEvent>> ReadAsync(Func<NpgsqlCommand> build, CancellationToken ct) =>
        Resilience.ExecuteAsync(async token =>
        {
            await using var command = build();
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var events = new List<StoredEvent>();
            while (await reader.ReadAsync(token).ConfigureAwait(false)) events.Add(EventRows.Read(reader, Events));
            return (IReadOnlyList<StoredEvent>)events;
        }, ct).AsTask();
}

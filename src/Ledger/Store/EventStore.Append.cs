using System.Text.Json;
using Ledger.Store.Operations;
using Npgsql;

namespace Ledger.Store;

public sealed partial class EventStore
{
    /// <summary>Opens a unit of work whose events carry <paramref name="metadata"/>.</summary>
    public EventSession OpenSession(EventMetadata? metadata = null) => new(this, metadata ?? EventMetadata.None);

    /// <summary>Starts a stream in a unit of work of its own.</summary>
    public Task<AppendResult> StartStreamAsync<T>(Guid streamId, EventMetadata metadata, params object[] events)
        where T : IAggregate<T> =>
        OpenSession(metadata).StartStream<T>(streamId, events).SaveChangesAsync();

    /// <summary>Appends to one stream in a unit of work of its own.</summary>
    public Task<AppendResult> AppendAsync(Guid streamId, long expectedVersion, EventMetadata metadata, params object[] events) =>
        OpenSession(metadata).Append(streamId, expectedVersion, events).SaveChangesAsync();

    internal async Task<AppendResult> CommitAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct)
    {
        if (appends.Count == 0) return new AppendResult([]);

        var recordedAt = Now();
        var metadataJson = JsonSerializer.Serialize(metadata, Events.Json);
        var serialized = appends
            .Select(a => a.Events.Select(e => (Name: Events.NameOf(e), Json: Events.Serialize(e), Event: e)).ToArray())
            .ToArray();

        return await Resilience.ExecuteAsync(async token =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(token).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(token).ConfigureAwait(false);

            var (transactionId, current) = await LockAndReadVersionsAsync(connection, tx, appends, token).ConfigureAwait(false);

            var streams = new List<(Guid Id, string Type, long Version)>(appends.Count);
            var rows = new List<InsertEvents.Row>();
            var pending = new List<PendingEvent>();
            for (var i = 0; i < appends.Count; i++)
            {
                var append = appends[i];
                var (actualVersion, actualType) = current.GetValueOrDefault(append.StreamId, (0L, null));
                if (append.ExpectedVersion != ExpectedVersion.Any && append.ExpectedVersion != actualVersion)
                    throw new ConcurrencyException(append.StreamId, append.ExpectedVersion, actualVersion);

                var streamType = actualType ?? append.StreamType ?? "";
                var version = actualVersion;
                foreach (var (name, json, @event) in serialized[i])
                {
                    version++;
                    rows.Add(new InsertEvents.Row(append.StreamId, version, name, json, metadataJson));
                    pending.Add(new PendingEvent(append.StreamId, streamType, version, name, @event, metadata, recordedAt));
                }
                streams.Add((append.StreamId, streamType, version));
            }

            await using var batch = new NpgsqlBatch(connection, tx);
            batch.BatchCommands.Add(InsertEvents.Command(Schema.Quoted, rows, recordedAt));
            batch.BatchCommands.Add(UpsertStreams.Command(Schema.Quoted, streams, recordedAt));
            var inline = new InlineBatch(batch, Schema.Quoted);
            foreach (var projection in inlineProjections) projection.Enqueue(pending, inline);

            var stored = new List<StoredEvent>(rows.Count);
            try
            {
                await using (var reader = await batch.ExecuteReaderAsync(token).ConfigureAwait(false))
                {
                    var i = 0;
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        var p = pending[i++];
                        stored.Add(new StoredEvent(reader.GetInt64(0), p.StreamId, p.Version, p.Type, p.Data, p.Metadata, p.RecordedAt, transactionId));
                    }
                }
                await tx.CommitAsync(token).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_stream_version")
            {
                // Only a writer that bypassed the store's stream locks can get here; the unique key still refuses a fork.
                var append = appends.First();
                throw new ConcurrencyException(append.StreamId, append.ExpectedVersion, -1);
            }
            return new AppendResult(stored);
        }, ct).ConfigureAwait(false);
    }

    async Task<(ulong TransactionId, Dictionary<Guid, (long Version, string? Type)> Versions)> LockAndReadVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var ids = appends.Select(a => a.StreamId).ToArray();
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(LockStreams.Command(ids));
        batch.BatchCommands.Add(LockStreams.TakeTransactionId());
        batch.BatchCommands.Add(ReadStreamVersions.Command(Schema.Quoted, ids));

        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var transactionId = reader.GetFieldValue<ulong>(0);
        await reader.NextResultAsync(ct).ConfigureAwait(false);

        var versions = new Dictionary<Guid, (long, string?)>(ids.Length);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            versions[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetString(2));
        return (transactionId, versions);
    }
}

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

    /// <summary>
    /// Commits a unit of work. When every stream has an expected version, locks, version check, inserts,
    /// inline projections and commit travel in one round trip (one implicit transaction); a single event is
    /// one statement that does all of that itself. With <see cref="ExpectedVersion.Any"/>, the current
    /// versions are read under the locks first.
    /// </summary>
    internal async Task<AppendResult> CommitAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct)
    {
        if (appends.Count == 0) return new AppendResult([]);

        var recordedAt = Now();
        var metadataJson = JsonSerializer.Serialize(metadata, Events.Json);
        var serialized = appends
            .Select(a => a.Events.Select(e => (Name: Events.NameOf(e), Json: Events.Serialize(e), Event: e)).ToArray())
            .ToArray();
        var knowsAllVersions = appends.All(a => a.ExpectedVersion != ExpectedVersion.Any);
        var wholeAppend = InsertEvents.IsWholeAppend(appends.Sum(a => a.Events.Count));

        return await Resilience.ExecuteAsync(async token =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(token).ConfigureAwait(false);
            try
            {
                if (knowsAllVersions)
                {
                    var current = appends.ToDictionary(a => a.StreamId, a => (a.ExpectedVersion, (string?)null));
                    await using var batch = new NpgsqlBatch(connection);
                    if (!wholeAppend) batch.BatchCommands.Add(CheckStreamVersions.Command(Schema.Quoted, appends));
                    return await WriteAsync(batch, current, token).ConfigureAwait(false);
                }

                await using var tx = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
                var versions = await LockAndReadVersionsAsync(connection, tx, appends, token).ConfigureAwait(false);
                foreach (var append in appends)
                {
                    var actual = versions.GetValueOrDefault(append.StreamId).Version;
                    if (append.ExpectedVersion != ExpectedVersion.Any && append.ExpectedVersion != actual)
                        throw new ConcurrencyException(append.StreamId, append.ExpectedVersion, actual);
                }
                await using var writes = new NpgsqlBatch(connection, tx);
                var result = await WriteAsync(writes, versions, token).ConfigureAwait(false);
                await tx.CommitAsync(token).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException e) when (CheckStreamVersions.IsConflict(e, out var conflict))
            {
                throw conflict;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_stream_version")
            {
                // A single event's statement checked its stream against a snapshot taken before the lock was granted,
                // and the writer that held the lock has since committed this version: the unique key refused the fork.
                // (A writer bypassing the store's locks is refused the same way.)
                var stream = appends[0];
                var actual = await ReadStreamVersionAsync(connection, stream.StreamId, token).ConfigureAwait(false);
                throw new ConcurrencyException(stream.StreamId, stream.ExpectedVersion, actual);
            }
        }, ct).ConfigureAwait(false);

        // Adds the inserts, the stream versions and the inline projections' statements to a batch that may begin
        // with the version check, runs it, and reads back the events' sequence numbers and transaction id.
        async Task<AppendResult> WriteAsync(
            NpgsqlBatch batch, Dictionary<Guid, (long Version, string? Type)> current, CancellationToken token)
        {
            var streams = new List<(Guid Id, string Type, long Version)>(appends.Count);
            var rows = new List<InsertEvents.Row>();
            var pending = new List<PendingEvent>();
            for (var i = 0; i < appends.Count; i++)
            {
                var append = appends[i];
                var (version, existingType) = current.GetValueOrDefault(append.StreamId);
                var streamType = existingType ?? append.StreamType ?? "";
                foreach (var (name, json, @event) in serialized[i])
                {
                    version++;
                    rows.Add(new InsertEvents.Row(append.StreamId, version, name, json, metadataJson));
                    pending.Add(new PendingEvent(append.StreamId, streamType, version, name, @event, metadata, recordedAt));
                }
                streams.Add((append.StreamId, streamType, version));
            }

            var checksFirst = batch.BatchCommands.Count > 0;
            batch.BatchCommands.Add(InsertEvents.Command(Schema.Quoted, rows, recordedAt, ChainHashes, streams[0].Type));
            if (!wholeAppend) batch.BatchCommands.Add(UpsertStreams.Command(Schema.Quoted, streams, recordedAt));
            var inline = new InlineBatch(batch, Schema.Quoted);
            foreach (var projection in inlineProjections) projection.Enqueue(pending, inline);

            await using var reader = await batch.ExecuteReaderAsync(token).ConfigureAwait(false);
            if (checksFirst) await reader.NextResultAsync(token).ConfigureAwait(false);

            var stored = new List<StoredEvent>(rows.Count);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var p = pending[stored.Count];
                stored.Add(new StoredEvent(reader.GetInt64(0), p.StreamId, p.Version, p.Type, p.Data, p.Metadata, p.RecordedAt, reader.GetFieldValue<ulong>(1)));
            }
            // Draining the remaining results surfaces any error of the later statements before the answer is given.
            while (await reader.NextResultAsync(token).ConfigureAwait(false)) { }
            return new AppendResult(stored);
        }
    }

    async Task<Dictionary<Guid, (long Version, string? Type)>> LockAndReadVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var ids = appends.Select(a => a.StreamId).ToArray();
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(LockStreams.Command(ids));
        batch.BatchCommands.Add(ReadStreamVersions.Command(Schema.Quoted, ids));

        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var versions = new Dictionary<Guid, (long, string?)>(ids.Length);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            versions[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetString(2));
        return versions;
    }

    async Task<long> ReadStreamVersionAsync(NpgsqlConnection connection, Guid streamId, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(ReadStreamVersions.Command(Schema.Quoted, [streamId]));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? reader.GetInt64(1) : 0;
    }
}

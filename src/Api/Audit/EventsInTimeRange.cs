using Ledger.Store;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Audit;

/// <summary>Events recorded in [from, to), after a global position, in global order.</summary>
public static class EventsInTimeRange
{
    public static async Task<IReadOnlyList<StoredEvent>> ReadAsync(
        EventStore store, DateTimeOffset? from, DateTimeOffset? to, long after, int limit, CancellationToken ct) =>
        await store.Resilience.ExecuteAsync(async token =>
        {
            await using var command = store.DataSource.CreateCommand($"""
                select seq, stream_id, version, type, data::text, metadata::text, recorded_at, tx_id
                from {store.Schema.Quoted}.events
                where seq > $1 and ($2::timestamptz is null or recorded_at >= $2) and ($3::timestamptz is null or recorded_at < $3)
                order by seq
                limit $4
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)to?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var events = new List<StoredEvent>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var (name, data) = store.Events.Deserialize(reader.GetString(3), reader.GetString(4));
                var metadata = System.Text.Json.JsonSerializer.Deserialize<EventMetadata>(reader.GetString(5), store.Events.Json) ?? EventMetadata.None;
                events.Add(new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), name, data, metadata,
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<ulong>(7)));
            }
            return (IReadOnlyList<StoredEvent>)events;
        }, ct).ConfigureAwait(false);
}

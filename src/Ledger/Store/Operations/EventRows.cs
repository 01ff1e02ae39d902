using System.Text.Json;
using Npgsql;

namespace Ledger.Store.Operations;

/// <summary>The columns every event read selects, and how a row becomes a <see cref="StoredEvent"/>.</summary>
static class EventRows
{
    public const string Columns = "seq, stream_id, version, type, data::text, metadata::text, recorded_at, tx_id";

    public static StoredEvent Read(NpgsqlDataReader reader, EventTypeRegistry registry)
    {
        var (name, data) = registry.Deserialize(reader.GetString(3), reader.GetString(4));
        var metadata = JsonSerializer.Deserialize<EventMetadata>(reader.GetString(5), registry.Json) ?? EventMetadata.None;
        return new StoredEvent(
            reader.GetInt64(0),
            reader.GetGuid(1),
            reader.GetInt64(2),
            name,
            data,
            metadata,
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.GetFieldValue<ulong>(7));
    }
}

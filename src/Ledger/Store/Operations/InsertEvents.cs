using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Operations;

/// <summary>Inserts the events of a unit of work in one statement and returns their global sequence numbers, in order.</summary>
static class InsertEvents
{
    public sealed record Row(Guid StreamId, long Version, string Type, string Data, string Metadata);

    public static NpgsqlBatchCommand Command(string schema, IReadOnlyList<Row> rows, DateTimeOffset at)
    {
        var command = new NpgsqlBatchCommand($"""
            insert into {schema}.events (stream_id, version, type, data, metadata, recorded_at)
            select stream_id, version, type, data::jsonb, metadata::jsonb, $6
            from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[]) with ordinality
                 as e(stream_id, version, type, data, metadata, n)
            order by n
            returning seq
            """);
        var ids = new Guid[rows.Count];
        var versions = new long[rows.Count];
        var types = new string[rows.Count];
        var data = new string[rows.Count];
        var metadata = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
            (ids[i], versions[i], types[i], data[i], metadata[i]) = (rows[i].StreamId, rows[i].Version, rows[i].Type, rows[i].Data, rows[i].Metadata);

        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = versions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command;
    }
}

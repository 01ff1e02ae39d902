using Ledger.Store.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Operations;

/// <summary>
/// Inserts the events of a unit of work in one statement, chaining their hashes onto their streams' heads,
/// and returns their global sequence numbers, in order.
/// </summary>
static class InsertEvents
{
    public sealed record Row(Guid StreamId, long Version, string Type, string Data, string Metadata);

    /// <summary>True when <see cref="Command"/> also moves the stream's head, so no separate upsert is needed.</summary>
    public static bool MovesStreamHead(IReadOnlyList<Row> rows) => rows.Count == 1;

    public static NpgsqlBatchCommand Command(string schema, IReadOnlyList<Row> rows, DateTimeOffset at, bool chainHashes = true, string streamType = "")
    {
        if (MovesStreamHead(rows)) return Single(schema, rows[0], at, streamType, chainHashes);

        var content = EventHashes.ContentHashSql("e.stream_id", "e.version", "e.type", "e.data", "e.metadata", "$6::timestamptz");
        var command = new NpgsqlBatchCommand($"""
            with input as (
                select e.stream_id, e.version, e.type, e.data::jsonb as data, e.metadata::jsonb as metadata, e.n
                from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[]) with ordinality
                     as e(stream_id, version, type, data, metadata, n)
            ),
            hashed as (
                select {schema}.chain_hashes(array_agg(e.stream_id order by e.n), array_agg({content} order by e.n)) as hashes
                from input e
            )
            insert into {schema}.events (stream_id, version, type, data, metadata, recorded_at, hash)
            select i.stream_id, i.version, i.type, i.data, i.metadata, $6, {(chainHashes ? "h.hashes[i.n]" : "'\\x'::bytea")}
            from input i {(chainHashes ? "cross join hashed h" : "")}
            order by i.n
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

    /// <summary>
    /// The most common append, one event, as one plain statement with scalar parameters: the same hash, chained
    /// onto the stream's head, and the head moved to it, without the array handling the many-event statement needs.
    /// </summary>
    static NpgsqlBatchCommand Single(string schema, Row row, DateTimeOffset at, string streamType, bool chainHashes)
    {
        var content = EventHashes.ContentHashSql("$1::uuid", "$2::bigint", "$3::text", "e.data", "e.metadata", "$6::timestamptz");
        var hash = chainHashes
            ? $"sha256(coalesce((select s.last_hash from {schema}.streams s where s.id = $1), '\\x{new string('0', 64)}'::bytea) || {content})"
            : "'\\x'::bytea";
        var command = new NpgsqlBatchCommand($"""
            with inserted as (
                insert into {schema}.events (stream_id, version, type, data, metadata, recorded_at, hash)
                select $1, $2, $3, e.data, e.metadata, $6, {hash}
                from (select $4::jsonb as data, $5::jsonb as metadata) e
                returning seq, hash),
            head as (
                insert into {schema}.streams (id, type, version, created_at, updated_at, last_hash)
                select $1, $7, $2, $6, $6, i.hash from inserted i
                on conflict (id) do update set version = excluded.version, updated_at = excluded.updated_at, last_hash = excluded.last_hash)
            select seq from inserted
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = row.StreamId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Version, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Type, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Data, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Metadata, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = streamType, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }
}

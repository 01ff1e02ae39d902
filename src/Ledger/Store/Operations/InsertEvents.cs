using Ledger.Store.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Operations;

/// <summary>
/// Inserts the events of a unit of work in one statement, chaining their hashes onto their streams' heads,
/// and returns their global sequence numbers, in order, with the transaction id.
/// </summary>
static class InsertEvents
{
    public sealed record Row(Guid StreamId, long Version, string Type, string Data, string Metadata);

    /// <summary>
    /// True when <see cref="Command"/> does the whole append of a unit of work of <paramref name="events"/> events
    /// alone (one event): it takes the stream's lock, checks its version and moves its head, so no other statement is needed.
    /// </summary>
    public static bool IsWholeAppend(int events) => events == 1;

    public static NpgsqlBatchCommand Command(string schema, IReadOnlyList<Row> rows, DateTimeOffset at, bool chainHashes = true, string streamType = "")
    {
        if (IsWholeAppend(rows.Count)) return Single(schema, rows[0], at, streamType, chainHashes);

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
            returning seq, tx_id
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
    /// The most common append, one event, as one statement with scalar parameters: it takes the stream's append
    /// lock before anything that assigns the transaction id, checks that the stream is at the version before the
    /// event's (or raises <c>LV409</c> through <c>append_conflict</c>), inserts the event with its hash chained onto
    /// the stream's head, and moves the head. The statement's snapshot is taken before the lock is granted, so a
    /// writer that committed meanwhile is not seen by the check; the unique (stream, version) key refuses that
    /// insert instead, and the caller reports it as the same conflict.
    /// </summary>
    static NpgsqlBatchCommand Single(string schema, Row row, DateTimeOffset at, string streamType, bool chainHashes)
    {
        var content = EventHashes.ContentHashSql("$1::uuid", "$2::bigint", "$3::text", "h.data", "h.metadata", "$6::timestamptz");
        var hash = chainHashes ? $"sha256(coalesce(h.last_hash, '\\x{new string('0', 64)}'::bytea) || {content})" : "'\\x'::bytea";
        var command = new NpgsqlBatchCommand($"""
            with locked as materialized (select pg_advisory_xact_lock($8)),
            head as materialized (
                select s.version, s.last_hash, $4::jsonb as data, $5::jsonb as metadata
                from locked left join {schema}.streams s on s.id = $1),
            inserted as (
                insert into {schema}.events (stream_id, version, type, data, metadata, recorded_at, hash)
                select $1, $2, $3, h.data, h.metadata, $6, {hash}
                from head h
                where case when coalesce(h.version, 0) = $2 - 1 then true
                           else {schema}.append_conflict($1, coalesce(h.version, 0), $2 - 1) end
                returning seq, tx_id, hash),
            moved as (
                insert into {schema}.streams (id, type, version, created_at, updated_at, last_hash)
                select $1, $7, $2, $6, $6, i.hash from inserted i
                on conflict (id) do update set version = excluded.version, updated_at = excluded.updated_at, last_hash = excluded.last_hash)
            select seq, tx_id from inserted
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = row.StreamId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Version, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Type, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Data, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Metadata, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = streamType, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = LockStreams.LockKey(row.StreamId), NpgsqlDbType = NpgsqlDbType.Bigint });
        return command;
    }
}

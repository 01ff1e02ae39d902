using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Operations;

/// <summary>Creates the new streams of a unit of work and moves the others to their new versions and chain heads (run after the inserts).</summary>
static class UpsertStreams
{
    public static NpgsqlBatchCommand Command(string schema, IReadOnlyList<(Guid Id, string Type, long Version)> streams, DateTimeOffset at)
    {
        var command = new NpgsqlBatchCommand($"""
            insert into {schema}.streams (id, type, version, created_at, updated_at, last_hash)
            select s.id, s.type, s.version, $4, $4,
                   (select e.hash from {schema}.events e where e.stream_id = s.id and e.version = s.version)
            from unnest($1::uuid[], $2::text[], $3::bigint[]) as s(id, type, version)
            on conflict (id) do update set version = excluded.version, updated_at = excluded.updated_at, last_hash = excluded.last_hash
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.Type).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command;
    }
}

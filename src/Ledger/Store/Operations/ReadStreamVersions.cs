using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Operations;

/// <summary>The current version of each of the given streams (absent streams return no row).</summary>
static class ReadStreamVersions
{
    public static NpgsqlBatchCommand Command(string schema, Guid[] streamIds)
    {
        var command = new NpgsqlBatchCommand($"select id, version, type from {schema}.streams where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        return command;
    }
}

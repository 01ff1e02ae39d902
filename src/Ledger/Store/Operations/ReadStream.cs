using Npgsql;

namespace Ledger.Store.Operations;

/// <summary>A stream's events between two versions, in version order.</summary>
static class ReadStream
{
    public static NpgsqlCommand Command(NpgsqlDataSource dataSource, string schema, Guid streamId, long fromVersion, long toVersion)
    {
        var command = dataSource.CreateCommand(
            $"select {EventRows.Columns} from {schema}.events where stream_id = $1 and version between $2 and $3 order by version");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = fromVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = toVersion });
        return command;
    }
}

using Npgsql;

namespace Ledger.Store.Operations;

/// <summary>Events after a global sequence number, in global order (for audits and exports).</summary>
static class ReadAll
{
    public static NpgsqlCommand Command(NpgsqlDataSource dataSource, string schema, long afterSequence, int max)
    {
        var command = dataSource.CreateCommand(
            $"select {EventRows.Columns} from {schema}.events where seq > $1 order by seq limit $2");
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        return command;
    }
}

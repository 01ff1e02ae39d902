using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Operations;

/// <summary>
/// Events after a log position, in (transaction id, sequence) order, written only by transactions older
/// than every transaction still running. A transaction that took a lower sequence number but commits
/// later is therefore never passed over: its events wait until it ends, and then come after the position.
/// </summary>
static class ReadCommitted
{
    public static NpgsqlCommand Command(NpgsqlDataSource dataSource, string schema, LogPosition after, int max)
    {
        var command = dataSource.CreateCommand($"""
            select {EventRows.Columns} from {schema}.events
            where (tx_id, seq) > ($1, $2) and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id, seq
            limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        return command;
    }
}

using Ledger.Store;
using Npgsql;

namespace Ledger.Projections.Daemon.Operations;

/// <summary>Records an event a projection could not apply; a rebuild meeting it again keeps the first record.</summary>
static class DeadLetters
{
    public static NpgsqlCommand Insert(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, string projection, StoredEvent e, Exception error)
    {
        var command = new NpgsqlCommand($"""
            insert into {schema}.projection_dead_letters (projection, seq, stream_id, version, type, error)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (projection, seq) do nothing
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = e.StreamId });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = $"{error.GetType().Name}: {error.Message}" });
        return command;
    }
}

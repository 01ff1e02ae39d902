using Ledger.Store;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections.Daemon.Operations;

/// <summary>The statements on <c>projection_checkpoints</c>.</summary>
static class Checkpoints
{
    public static NpgsqlCommand Ensure(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, string name) =>
        With(new NpgsqlCommand($"insert into {schema}.projection_checkpoints (name) values ($1) on conflict (name) do nothing", connection, tx), name);

    /// <summary>Locks the row for this transaction: the daemon's apply and a rebuild's swap take it first, so they never interleave.</summary>
    public static async Task<LogPosition> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, string name, CancellationToken ct)
    {
        await using var command = With(new NpgsqlCommand(
            $"select tx_id, seq from {schema}.projection_checkpoints where name = $1 for update", connection, tx), name);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            throw new InvalidOperationException($"Projection '{name}' has no checkpoint row.");
        return new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
    }

    public static async Task<LogPosition> ReadAsync(NpgsqlConnection connection, string schema, string name, CancellationToken ct)
    {
        await using var command = With(new NpgsqlCommand(
            $"select tx_id, seq from {schema}.projection_checkpoints where name = $1", connection), name);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1))
            : LogPosition.Start;
    }

    public static NpgsqlCommand Advance(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, string name, LogPosition to, int applied)
    {
        var command = new NpgsqlCommand($"""
            update {schema}.projection_checkpoints
            set tx_id = $2, seq = $3, events_applied = events_applied + $4, updated_at = now()
            where name = $1
            """, connection, tx);
        return With(command, name, to, applied);
    }

    /// <summary>After a rebuild: the read model now reflects the log up to <paramref name="to"/>, whatever the old row said.</summary>
    public static NpgsqlCommand Reset(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, string name, LogPosition to, long applied)
    {
        var command = new NpgsqlCommand($"""
            update {schema}.projection_checkpoints
            set tx_id = $2, seq = $3, events_applied = $4, updated_at = now(), rebuilt_at = now()
            where name = $1
            """, connection, tx);
        return With(command, name, to, applied);
    }

    public sealed record Row(string Name, LogPosition Position, long EventsApplied, DateTimeOffset UpdatedAt, TimeSpan SinceUpdated, DateTimeOffset? RebuiltAt);

    public static async Task<Dictionary<string, Row>> ReadAllAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select name, tx_id, seq, events_applied, updated_at, now() - updated_at, rebuilt_at from {schema}.projection_checkpoints");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            rows[reader.GetString(0)] = new Row(
                reader.GetString(0),
                new LogPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)),
                reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<TimeSpan>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
        return rows;
    }

    static NpgsqlCommand With(NpgsqlCommand command, string name, LogPosition? to = null, long? applied = null)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        if (to is { } position)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            command.Parameters.Add(new NpgsqlParameter { Value = position.Sequence });
        }
        if (applied is { } count) command.Parameters.Add(new NpgsqlParameter { Value = count });
        return command;
    }
}

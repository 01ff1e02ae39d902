using Npgsql;

namespace Ledger.Projections.Daemon.Operations;

/// <summary>Creates a projection's tables (live or shadow) and swaps a shadow in for its live table.</summary>
static class ProjectionTables
{
    /// <summary>Runs each table's DDL if the table does not exist yet, so startup is idempotent.</summary>
    public static async Task CreateMissingAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<(ProjectionTable Table, PhysicalTable Physical)> tables, CancellationToken ct)
    {
        foreach (var (table, physical) in tables)
        {
            await using var exists = new NpgsqlCommand("select to_regclass($1) is not null", connection, tx);
            exists.Parameters.Add(new NpgsqlParameter { Value = physical.Qualified });
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is true) continue;
            await using var create = new NpgsqlCommand(table.Create(physical), connection, tx);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public static async Task DropAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, PhysicalTable physical, CancellationToken ct)
    {
        await using var drop = new NpgsqlCommand($"drop table if exists {physical.Qualified}", connection, tx);
        await drop.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops <paramref name="live"/> and renames <paramref name="shadow"/> (and its indexes, whose names
    /// start with the shadow's) to take its place. Readers waiting on the lock then read the new table.
    /// </summary>
    public static async Task SwapAsync(NpgsqlConnection connection, NpgsqlTransaction tx, PhysicalTable shadow, PhysicalTable live, CancellationToken ct)
    {
        var indexes = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = $1::regclass", connection, tx))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = shadow.Qualified });
            await using var reader = await list.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) indexes.Add(reader.GetString(0));
        }

        var statements = new List<string>
        {
            $"drop table if exists {live.Qualified}",
            $"alter table {shadow.Qualified} rename to {Quote(live.Name)}",
        };
        foreach (var index in indexes.Where(i => i.StartsWith(shadow.Name, StringComparison.Ordinal)))
            statements.Add($"alter index {live.Schema}.{Quote(index)} rename to {Quote(live.Name + index[shadow.Name.Length..])}");

        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

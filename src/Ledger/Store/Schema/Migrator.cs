using Npgsql;

namespace Ledger.Store.Schema;

/// <summary>
/// Creates and migrates the ledger's schema, idempotently: each migration runs once, in order, under an
/// advisory lock, so that several processes starting together do not race.
/// </summary>
public sealed class Migrator(NpgsqlDataSource dataSource, SchemaName schema)
{
    static readonly List<Migration> Core = [StreamsTable.Create, EventsTable.Create, StreamVersionCheck.Create, EventHashes.Create, StreamVersionCheck.Conflict];

    readonly List<Migration> migrations = [.. Core];

    /// <summary>Adds migrations of other parts of the ledger (read models, keys...).</summary>
    public Migrator Add(IEnumerable<Migration> more)
    {
        migrations.AddRange(more);
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations claim version {duplicate.Key}.");
        return this;
    }

    /// <summary>The version a fully migrated schema is at.</summary>
    public int LatestVersion => migrations.Max(m => m.Version);

    /// <summary>Applies what is missing; returns the migrations applied now.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('ledger-migrate:' || $1))", connection, tx))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = schema.Name });
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await using (var create = new NpgsqlCommand(SchemaVersionsTable.Create(schema.Quoted), connection, tx))
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand($"select version from {schema.Quoted}.schema_versions", connection, tx))
        await using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) applied.Add(reader.GetInt32(0));

        var pending = migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version).ToList();
        foreach (var migration in pending)
        {
            await using var run = new NpgsqlCommand(migration.Sql(schema.Quoted), connection, tx);
            await run.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await using var record = new NpgsqlCommand(
                $"insert into {schema.Quoted}.schema_versions (version, description) values ($1, $2)", connection, tx);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Description });
            await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return pending;
    }

    /// <summary>The highest applied version, or 0 when the schema has not been created.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        await using var exists = dataSource.CreateCommand("select to_regclass($1) is not null");
        exists.Parameters.Add(new NpgsqlParameter { Value = $"{schema.Quoted}.schema_versions" });
        if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not true) return 0;

        await using var command = dataSource.CreateCommand($"select coalesce(max(version), 0) from {schema.Quoted}.schema_versions");
        return (int)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}

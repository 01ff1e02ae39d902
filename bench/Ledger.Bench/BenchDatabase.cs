using Ledger.Store;
using Npgsql;

namespace Ledger.Bench;

/// <summary>A schema of the benchmark's own, holding the store's tables and a plain table of the same shape.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string SchemaName = "bench";

    BenchDatabase(string connectionString, NpgsqlDataSource dataSource, EventStore store)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
        Store = store;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public EventStore Store { get; }

    /// <summary>Drops and recreates the benchmark schema, with <c>plain_events</c> shaped like <c>events</c>.</summary>
    public static async Task<BenchDatabase> PrepareAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 64, ApplicationName = "ledger-bench" };
        var dataSource = LedgerDataSource.Create(builder.ConnectionString);
        await using (var drop = dataSource.CreateCommand($"drop schema if exists {SchemaName} cascade"))
            await drop.ExecuteNonQueryAsync();
        var store = await PrepareStoreAsync(builder.ConnectionString, SchemaName, chainHashes: true, dataSource);
        await using (var plain = dataSource.CreateCommand(
            $"create table {SchemaName}.plain_events (like {SchemaName}.events including all)"))
            await plain.ExecuteNonQueryAsync();
        return new BenchDatabase(builder.ConnectionString, dataSource, store);
    }

    /// <summary>A store in a fresh schema of its own; <paramref name="chainHashes"/> off only to measure what hashing costs.</summary>
    public static async Task<EventStore> PrepareStoreAsync(string connectionString, string schema, bool chainHashes, NpgsqlDataSource? dataSource = null)
    {
        dataSource ??= LedgerDataSource.Create(connectionString);
        await using (var drop = dataSource.CreateCommand($"drop schema if exists {schema} cascade"))
            await drop.ExecuteNonQueryAsync();
        var registry = new EventTypeRegistry().Register<SampleRecorded>("sample_recorded");
        var store = new EventStore(dataSource, registry, new LedgerStoreOptions { Schema = schema, ChainHashes = chainHashes });
        await store.MigrateAsync();
        return store;
    }

    /// <summary>Copies every event of the benchmark schema out (binary COPY), as the ceiling of reading them; returns the rows read.</summary>
    public async Task<long> CopyOutEventsAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        long rows = 0;
        await using var export = await connection.BeginBinaryExportAsync(
            $"copy (select stream_id, version, type, data, metadata, recorded_at, hash, seq from {SchemaName}.events order by stream_id, version) to stdout (format binary)");
        while (await export.StartRowAsync() != -1)
        {
            await export.SkipAsync(); await export.SkipAsync(); await export.SkipAsync(); await export.SkipAsync();
            await export.SkipAsync(); await export.SkipAsync(); await export.SkipAsync(); await export.SkipAsync();
            rows++;
        }
        return rows;
    }

    /// <summary>
    /// Lets the server settle after the bulk writes of earlier workloads (vacuum, analyze, a checkpoint), so that
    /// a latency workload and its plain-PostgreSQL ceiling are measured without that background work.
    /// </summary>
    public async Task SettleAsync()
    {
        await ExecuteAsync("vacuum (analyze)");
        await ExecuteAsync("checkpoint");
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>An event of a typical size: a stream id, a few short fields and the moment.</summary>
public sealed record SampleRecorded(Guid StreamId, string Scheme, string Regency, int Attempt, DateTimeOffset At);

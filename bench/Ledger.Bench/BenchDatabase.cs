using JasperFx;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Ledger.Bench;

/// <summary>
/// Schemas of the benchmark's own: the ledger's Marten store as the host configures it (<see cref="LedgerStore"/>
/// with its hash chain and tamper guard, and the read side's inline view and async read models) in <c>bench</c>;
/// plain Marten (Quick append, stream identity and event names only: no trigger, no view) in <c>bench_marten</c>;
/// and <c>plain_events</c>, a table shaped like the ledger's <c>mt_events</c> with none of its triggers, for
/// pgbench and COPY.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string SchemaName = "bench";
    public const string PlainMartenSchema = "bench_marten";
    public const string SampleEventName = "sample_recorded";

    BenchDatabase(string connectionString, NpgsqlDataSource dataSource, DocumentStore store, DocumentStore plain)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
        Store = store;
        PlainStore = plain;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The ledger's store in <see cref="SchemaName"/>: hash chain, tamper guard, inline verification view, async read models.</summary>
    public DocumentStore Store { get; }

    /// <summary>Plain Marten in <see cref="PlainMartenSchema"/>: Quick append, none of the ledger's triggers or views.</summary>
    public DocumentStore PlainStore { get; }

    /// <summary>Drops and recreates the benchmark schemas, with <c>plain_events</c> shaped like <c>mt_events</c>.</summary>
    public static async Task<BenchDatabase> PrepareAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 64, ApplicationName = "ledger-bench" };
        var dataSource = LedgerDataSource.Create(builder.ConnectionString);
        var store = await PrepareLedgerStoreAsync(dataSource, SchemaName, readSide: true);
        var plain = await PreparePlainStoreAsync(dataSource, PlainMartenSchema);
        await using (var table = dataSource.CreateCommand(
            $"create table {SchemaName}.plain_events (like {SchemaName}.mt_events including defaults including indexes); " +
            $"create sequence {SchemaName}.plain_events_seq"))
            await table.ExecuteNonQueryAsync();
        return new BenchDatabase(builder.ConnectionString, dataSource, store, plain);
    }

    /// <summary>
    /// The ledger's store (<see cref="LedgerStore.Configure"/>) in a fresh schema, with the sample event registered;
    /// with <paramref name="readSide"/>, the read side too (<see cref="LedgerReadModels.Configure"/>), as the host composes it.
    /// </summary>
    public static async Task<DocumentStore> PrepareLedgerStoreAsync(NpgsqlDataSource dataSource, string schema, bool readSide)
    {
        await DropSchemaAsync(dataSource, schema);
        var store = DocumentStore.For(options =>
        {
            LedgerStore.Configure(options, dataSource, new LedgerStoreSettings { Schema = schema });
            if (readSide) LedgerReadModels.Configure(options, new ReadModelSettings { Database = new LedgerDatabase(dataSource, schema) });
            options.Events.AddEventType(typeof(SampleRecorded));
            options.Events.MapEventType(typeof(SampleRecorded), SampleEventName);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    /// <summary>
    /// Plain Marten in a fresh schema: Guid streams, Quick append and the sample event's name, serialized as the ledger
    /// serializes; no metadata columns, no trigger, no projection.
    /// </summary>
    public static async Task<DocumentStore> PreparePlainStoreAsync(NpgsqlDataSource dataSource, string schema)
    {
        await DropSchemaAsync(dataSource, schema);
        var store = DocumentStore.For(options =>
        {
            options.Connection(dataSource);
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            options.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsGuid;
            options.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;
            options.Events.AddEventType(typeof(SampleRecorded));
            options.Events.MapEventType(typeof(SampleRecorded), SampleEventName);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    static async Task DropSchemaAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var drop = dataSource.CreateCommand($"drop schema if exists {schema} cascade");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Copies every event of a schema's <c>mt_events</c> out (binary COPY, each field skipped), as the ceiling of reading them; returns the rows read.</summary>
    public async Task<long> CopyOutEventsAsync(string schema = SchemaName)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        long rows = 0;
        await using var export = await connection.BeginBinaryExportAsync(
            $"copy (select seq_id, stream_id, version, type, data, headers, timestamp from {schema}.mt_events order by seq_id) to stdout (format binary)");
        export.Timeout = TimeSpan.Zero;
        while (await export.StartRowAsync() != -1)
        {
            for (var i = 0; i < 7; i++) await export.SkipAsync();
            rows++;
        }
        return rows;
    }

    /// <summary>How many events a schema's <c>mt_events</c> holds.</summary>
    public async Task<long> CountEventsAsync(string schema = SchemaName)
    {
        await using var count = DataSource.CreateCommand($"select count(*) from {schema}.mt_events");
        return (long)(await count.ExecuteScalarAsync())!;
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
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        PlainStore.Dispose();
        await DataSource.DisposeAsync();
    }
}

/// <summary>An event of a typical size: a stream id, a few short fields and the moment.</summary>
public sealed record SampleRecorded(Guid StreamId, string Scheme, string Regency, int Attempt, DateTimeOffset At);

using System.Diagnostics;
using System.Text.Json;
using Ledger.Store;
using NpgsqlTypes;

namespace Ledger.Bench;

/// <summary>1,000 events per transaction through the store, against COPY of the same rows into a table of the same shape.</summary>
public static class BatchWorkload
{
    const int BatchSize = 1_000;
    const int Batches = 200;

    /// <summary>The plain rows carry a hash of the same size as the ledger's, so that they are the same rows.</summary>
    static readonly byte[] PlainHash = System.Security.Cryptography.SHA256.HashData("plain"u8);

    public static async Task RunAsync(BenchDatabase bench, Report report)
    {
        Console.Error.WriteLine($"batch: {Batches} transactions of {BatchSize} events, then COPY of the same rows");
        var metadata = new EventMetadata("bench", CorrelationId: "bench");
        var at = DateTimeOffset.UtcNow;
        var streams = Enumerable.Range(0, Batches).Select(_ => Guid.NewGuid()).ToArray();
        object[] EventsOf(Guid stream) =>
            Enumerable.Range(1, BatchSize).Select(i => (object)new SampleRecorded(stream, "pembatik-tulis", "35.23", i, at)).ToArray();

        await bench.Store.AppendAsync(Guid.NewGuid(), ExpectedVersion.NoStream, metadata, EventsOf(Guid.NewGuid())); // warm-up

        var stopwatch = Stopwatch.StartNew();
        foreach (var stream in streams)
            await bench.Store.AppendAsync(stream, ExpectedVersion.NoStream, metadata, EventsOf(stream));
        var ledger = Batches * BatchSize / stopwatch.Elapsed.TotalSeconds;

        var metadataJson = JsonSerializer.Serialize(metadata, bench.Store.Events.Json);
        stopwatch.Restart();
        await using (var connection = await bench.DataSource.OpenConnectionAsync())
        {
            foreach (var stream in streams)
            {
                await using var tx = await connection.BeginTransactionAsync();
                await using (var import = await connection.BeginBinaryImportAsync(
                    $"copy {BenchDatabase.SchemaName}.plain_events (stream_id, version, type, data, metadata, recorded_at, hash) from stdin (format binary)"))
                {
                    var version = 0L;
                    foreach (var e in EventsOf(stream))
                    {
                        await import.StartRowAsync();
                        await import.WriteAsync(stream, NpgsqlDbType.Uuid);
                        await import.WriteAsync(++version, NpgsqlDbType.Bigint);
                        await import.WriteAsync("sample_recorded", NpgsqlDbType.Text);
                        await import.WriteAsync(bench.Store.Events.Serialize(e), NpgsqlDbType.Jsonb);
                        await import.WriteAsync(metadataJson, NpgsqlDbType.Jsonb);
                        await import.WriteAsync(at, NpgsqlDbType.TimestampTz);
                        await import.WriteAsync(PlainHash, NpgsqlDbType.Bytea);
                    }
                    await import.CompleteAsync();
                }
                await tx.CommitAsync();
            }
        }
        var plain = Batches * BatchSize / stopwatch.Elapsed.TotalSeconds;

        report.Add("batch append, 1,000 events/tx", "events/s", ledger, plain, "COPY binary, 1,000 rows/tx", 0.5);
    }
}

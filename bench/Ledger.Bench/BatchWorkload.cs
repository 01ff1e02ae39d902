using System.Diagnostics;
using Ledger.Integrity;
using Marten;
using NpgsqlTypes;

namespace Ledger.Bench;

/// <summary>
/// 1,000 events per transaction, each a new stream started in one Marten session, through the ledger's store and
/// through plain Marten, against binary COPY of the same rows into a table shaped like <c>mt_events</c>.
/// </summary>
public static class BatchWorkload
{
    const int BatchSize = 1_000;
    const int Batches = 200;

    public static async Task RunAsync(BenchDatabase bench, Report report)
    {
        Console.Error.WriteLine($"batch: {Batches} transactions of {BatchSize} events through the ledger and through plain Marten, then COPY of the same rows");
        var at = DateTimeOffset.UtcNow;
        object[] EventsOf(Guid stream) =>
            Enumerable.Range(1, BatchSize).Select(i => (object)new SampleRecorded(stream, "pembatik-tulis", "35.23", i, at)).ToArray();

        await WriteAsync(bench.Store, [Guid.NewGuid()], EventsOf); // warm-up
        await WriteAsync(bench.PlainStore, [Guid.NewGuid()], EventsOf);

        var ledger = await WriteAsync(bench.Store, NewStreams(), EventsOf);
        var marten = await WriteAsync(bench.PlainStore, NewStreams(), EventsOf);
        var plain = await CopyAsync(bench, NewStreams(), EventsOf, at);

        report.Add("batch append, 1,000 events/tx, ours", "events/s", ledger, plain, "COPY binary, 1,000 rows/tx", 0.5);
        report.Add("batch append, 1,000 events/tx, ours", "events/s", ledger, marten, "plain Marten Quick append, 1,000 events/tx", null);
        report.Add("batch append, 1,000 events/tx, plain Marten", "events/s", marten, plain, "COPY binary, 1,000 rows/tx", null);
    }

    static Guid[] NewStreams() => Enumerable.Range(0, Batches).Select(_ => Guid.NewGuid()).ToArray();

    static async Task<double> WriteAsync(IDocumentStore store, Guid[] streams, Func<Guid, object[]> eventsOf)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var stream in streams)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = "bench";
            session.LastModifiedBy = "bench";
            session.Events.StartStream(stream, eventsOf(stream));
            await session.SaveChangesAsync();
        }
        return streams.Length * BatchSize / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>The same rows as the ledger writes (its columns, its metadata, headers holding two hashes in hex), COPY'd in binary.</summary>
    static async Task<double> CopyAsync(BenchDatabase bench, Guid[] streams, Func<Guid, object[]> eventsOf, DateTimeOffset at)
    {
        var dotnetType = $"{typeof(SampleRecorded).FullName}, {typeof(SampleRecorded).Assembly.GetName().Name}";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("plain"u8));
        var headers = $$"""{"{{CanonicalEncoding.PreviousHashHeader}}": "{{hash}}", "{{CanonicalEncoding.HashHeader}}": "{{hash}}"}""";
        var serializer = bench.Store.Serializer;
        long seq;
        await using (var reserve = bench.DataSource.CreateCommand(
            $"select setval('{BenchDatabase.SchemaName}.plain_events_seq', nextval('{BenchDatabase.SchemaName}.plain_events_seq') + {streams.Length * BatchSize})"))
            seq = (long)(await reserve.ExecuteScalarAsync())! - streams.Length * BatchSize;

        var stopwatch = Stopwatch.StartNew();
        await using (var connection = await bench.DataSource.OpenConnectionAsync())
        {
            foreach (var stream in streams)
            {
                await using var tx = await connection.BeginTransactionAsync();
                await using (var import = await connection.BeginBinaryImportAsync($"""
                    copy {BenchDatabase.SchemaName}.plain_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, headers, user_name)
                    from stdin (format binary)
                    """))
                {
                    var version = 0L;
                    foreach (var e in eventsOf(stream))
                    {
                        await import.StartRowAsync();
                        await import.WriteAsync(seq++, NpgsqlDbType.Bigint);
                        await import.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                        await import.WriteAsync(stream, NpgsqlDbType.Uuid);
                        await import.WriteAsync(++version, NpgsqlDbType.Bigint);
                        await import.WriteAsync(serializer.ToJson(e), NpgsqlDbType.Jsonb);
                        await import.WriteAsync(BenchDatabase.SampleEventName, NpgsqlDbType.Varchar);
                        await import.WriteAsync(at, NpgsqlDbType.TimestampTz);
                        await import.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar);
                        await import.WriteAsync(dotnetType, NpgsqlDbType.Varchar);
                        await import.WriteAsync("bench", NpgsqlDbType.Varchar);
                        await import.WriteAsync(headers, NpgsqlDbType.Jsonb);
                        await import.WriteAsync("bench", NpgsqlDbType.Varchar);
                    }
                    await import.CompleteAsync();
                }
                await tx.CommitAsync();
            }
        }
        return streams.Length * BatchSize / stopwatch.Elapsed.TotalSeconds;
    }
}

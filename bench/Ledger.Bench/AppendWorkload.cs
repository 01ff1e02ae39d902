using System.Diagnostics;
using Ledger.Store;

namespace Ledger.Bench;

/// <summary>
/// One event per transaction from 8 concurrent writers on distinct streams, and the same with certificate events
/// and the inline verification view, against pgbench inserting one row of the same shape per transaction from
/// 8 clients; in <see cref="Rounds"/>.
/// </summary>
public static class AppendWorkload
{
    const int Writers = 8;

    public static async Task RunAsync(BenchDatabase bench, Report report, TimeSpan duration)
    {
        Console.Error.WriteLine($"append: {Writers} writers, one event per transaction, {Rounds.Count} rounds of {duration.TotalSeconds:0} s each");
        var metadata = new EventMetadata("bench", CorrelationId: "bench");

        // Warm up connections and JIT.
        await RunWritersAsync(bench.Store, metadata, TimeSpan.FromSeconds(2));
        var certificateWriters = await CertificateWriters.PrepareAsync(bench, metadata);

        var row = System.Text.Json.JsonSerializer.Serialize(new SampleRecorded(Guid.NewGuid(), "pembatik-tulis", "35.23", 1, DateTimeOffset.UtcNow), bench.Store.Events.Json);
        var metadataJson = System.Text.Json.JsonSerializer.Serialize(metadata, bench.Store.Events.Json);
        var script = $"""
            insert into {BenchDatabase.SchemaName}.plain_events (stream_id, version, type, data, metadata, recorded_at, hash)
            values (gen_random_uuid(), 1, 'sample_recorded', :data, :metadata, now(), decode(repeat('ab', 32), 'hex'));
            """;

        List<double> ledger = [], withView = [], plain = [];
        for (var round = 1; round <= Rounds.Count; round++)
        {
            ledger.Add(await RunWritersAsync(bench.Store, metadata, duration));
            withView.Add(await certificateWriters.RunAsync(duration));
            plain.Add(await Pgbench.TransactionsPerSecondAsync(bench.ConnectionString, script, Writers, duration,
                new Dictionary<string, string> { ["data"] = row, ["metadata"] = metadataJson }));
            Console.Error.WriteLine($"  append, round {round}: {ledger[^1]:N0} events/s, with the view {withView[^1]:N0}; pgbench {plain[^1]:N0}");
        }

        report.Add("append, 1 event/tx, 8 writers", "events/s", Rounds.Median(ledger), Rounds.Median(plain), "pgbench one-row insert", 0.5);
        report.Add("append with the inline verification view (freeze, reinstate), 1 event/tx, 8 writers", "events/s",
            Rounds.Median(withView), Rounds.Median(plain), "pgbench one-row insert", 0.5);
        report.Note($"Appends: the median of {Rounds.Count} rounds of {duration.TotalSeconds:0} s each, taken in turns. Events/s per round: "
            + $"{Rounds.List(ledger, "N0")}; with the view {Rounds.List(withView, "N0")}; pgbench {Rounds.List(plain, "N0")}.");
    }

    public static async Task<double> RunWritersAsync(EventStore store, EventMetadata metadata, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            var stream = Guid.NewGuid();
            long version = 0, written = 0;
            while (stopwatch.Elapsed < duration)
            {
                var e = new SampleRecorded(stream, "pembatik-tulis", "35.23", (int)version + 1, DateTimeOffset.UtcNow);
                await store.AppendAsync(stream, version, metadata, e);
                version++;
                written++;
            }
            return written;
        })));
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }
}

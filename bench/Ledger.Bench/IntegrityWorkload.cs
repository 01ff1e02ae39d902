using System.Diagnostics;
using Ledger.Store;
using Ledger.Store.Integrity;

namespace Ledger.Bench;

/// <summary>
/// Tamper evidence: how fast a whole ledger verifies (every stream's hash chain and every checkpoint), and
/// what chaining hashes costs an append, against the same appends without the chain.
/// </summary>
public static class IntegrityWorkload
{
    public static async Task RunAsync(BenchDatabase bench, Report report, int events, TimeSpan appendDuration)
    {
        // The cost of hashing first, both stores fresh, so that neither pays for a bigger table than the other.
        Console.Error.WriteLine($"integrity: append cost of hashing, {appendDuration.TotalSeconds:0} s each way, on fresh schemas");
        var chained = await BenchDatabase.PrepareStoreAsync(bench.ConnectionString, "bench_chain", chainHashes: true);
        var unchained = await BenchDatabase.PrepareStoreAsync(bench.ConnectionString, "bench_nohash", chainHashes: false);
        var metadata = new EventMetadata("bench");
        var without = await AppendWorkload.RunWritersAsync(unchained, metadata, appendDuration);
        var with = await AppendWorkload.RunWritersAsync(chained, metadata, appendDuration);
        report.Add("append with hash chain vs without", "events/s", with, without, "same appends, no chain", 0.9);

        Console.Error.WriteLine($"integrity: filling {events:N0} events (10 per stream, 1,000 per transaction)");
        await FillAsync(bench.Store, events);
        using var signer = CheckpointSigner.Generate();
        var integrity = new LedgerIntegrity(bench.Store, signer);
        await integrity.WriteCheckpointAsync();

        var stopwatch = Stopwatch.StartNew();
        var verified = await integrity.VerifyAsync(new Progress<long>(n => Console.Error.Write($"\r  verified {n:N0} events")));
        var rate = verified.EventsChecked / stopwatch.Elapsed.TotalSeconds;
        Console.Error.WriteLine();
        if (!verified.Intact) throw new InvalidOperationException($"The benchmark ledger does not verify: {verified.Summary}");

        stopwatch.Restart();
        var copied = await bench.CopyOutEventsAsync();
        var copyRate = copied / stopwatch.Elapsed.TotalSeconds;
        report.Add($"verify {verified.EventsChecked:N0} events + checkpoints", "events/s", rate, copyRate, "COPY of the events out", 100_000 / copyRate);
    }

    static async Task FillAsync(EventStore store, int events)
    {
        var metadata = new EventMetadata("bench", CorrelationId: "bench");
        var at = DateTimeOffset.UtcNow;
        for (var written = 0; written < events; written += 1_000)
        {
            var session = store.OpenSession(metadata);
            for (var s = 0; s < 100; s++)
            {
                var stream = Guid.NewGuid();
                session.StartStream(stream, "sample", Enumerable.Range(1, 10)
                    .Select(i => (object)new SampleRecorded(stream, "pembatik-tulis", "35.23", i, at)).ToArray());
            }
            await session.SaveChangesAsync();
            if (written % 100_000 == 0) Console.Error.Write($"\r  {written:N0}");
        }
        Console.Error.WriteLine($"\r  {events:N0} events");
    }
}

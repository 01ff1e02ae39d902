using System.Diagnostics;
using Ledger.Integrity;
using Marten;

namespace Ledger.Bench;

/// <summary>
/// Tamper evidence: how fast a whole ledger verifies (every stream's hash chain and every checkpoint), and
/// what the chain costs an append: the ledger's store without its read side (hash chain trigger, tamper guard)
/// against plain Marten, the same appends.
/// </summary>
public static class IntegrityWorkload
{
    public static async Task RunAsync(BenchDatabase bench, Report report, int events, TimeSpan appendDuration)
    {
        // The cost of hashing first, both stores fresh, so that neither pays for a bigger table than the other.
        Console.Error.WriteLine($"integrity: append cost of the hash chain, {appendDuration.TotalSeconds:0} s each way, on fresh schemas");
        using (var chained = await BenchDatabase.PrepareLedgerStoreAsync(bench.DataSource, "bench_chain", readSide: false))
        using (var unchained = await BenchDatabase.PreparePlainStoreAsync(bench.DataSource, "bench_nohash"))
        {
            await AppendWorkload.RunWritersAsync(chained, TimeSpan.FromSeconds(1)); // warm-up
            await AppendWorkload.RunWritersAsync(unchained, TimeSpan.FromSeconds(1));
            var without = await AppendWorkload.RunWritersAsync(unchained, appendDuration);
            var with = await AppendWorkload.RunWritersAsync(chained, appendDuration);
            report.Add("append with the hash chain and tamper guard (no read side) vs plain Marten", "events/s", with, without,
                "plain Marten Quick append, same appends", 0.9);
        }

        Console.Error.WriteLine($"integrity: filling {events:N0} events (10 per stream, 1,000 per transaction)");
        await FillAsync(bench.Store, events);
        using var signer = CheckpointSigner.Generate();
        var integrity = new LedgerIntegrity(bench.Store, signer, TimeProvider.System);
        await integrity.WriteCheckpointAsync();

        var stopwatch = Stopwatch.StartNew();
        var verified = await integrity.VerifyAsync(new Progress<long>(n => Console.Error.Write($"\r  verified {n:N0} events")));
        var rate = verified.EventsChecked / stopwatch.Elapsed.TotalSeconds;
        Console.Error.WriteLine();
        if (!verified.Intact) throw new InvalidOperationException($"The benchmark ledger does not verify: {verified.Summary}");

        stopwatch.Restart();
        var copied = await bench.CopyOutEventsAsync();
        var copyRate = copied / stopwatch.Elapsed.TotalSeconds;
        report.Add($"verify {verified.EventsChecked:N0} events + {verified.CheckpointsChecked} checkpoint(s)", "events/s", rate, copyRate,
            "COPY binary of the events out", 100_000 / copyRate);
        report.Note($"Verify: the aim is 100,000 events/s, shown as a ratio of the COPY out of the same run. " +
            $"{verified.EventsChecked:N0} events in {verified.StreamsChecked:N0} streams verified in {verified.Elapsed.TotalSeconds:0.0} s.");
    }

    static async Task FillAsync(IDocumentStore store, int events)
    {
        var at = DateTimeOffset.UtcNow;
        for (var written = 0; written < events; written += 1_000)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = "bench";
            session.LastModifiedBy = "bench";
            for (var s = 0; s < 100; s++)
            {
                var stream = Guid.NewGuid();
                session.Events.StartStream(stream, Enumerable.Range(1, 10)
                    .Select(i => (object)new SampleRecorded(stream, "pembatik-tulis", "35.23", i, at)).ToArray());
            }
            await session.SaveChangesAsync();
            if (written % 100_000 == 0) Console.Error.Write($"\r  {written:N0}");
        }
        Console.Error.WriteLine($"\r  {events:N0} events");
    }
}

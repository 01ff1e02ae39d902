using Ledger.Marten;

namespace Ledger.Bench;

/// <summary>
/// Whether appends and lookups stay as fast as the ledger grows: latency of single appends (a new stream each,
/// through the ledger's store) and of reading a stream's state (<see cref="StreamReads.ReadStateAsync"/>) at
/// 100,000 events and again at a much larger size.
/// </summary>
public static class GrowthWorkload
{
    const int Samples = 500;

    public static async Task RunAsync(BenchDatabase bench, Report report, long largeSize)
    {
        var small = await MeasureAtAsync(bench, 100_000);
        var large = await MeasureAtAsync(bench, largeSize);
        report.AddLatency($"append latency at {large.Size:N0} vs {small.Size:N0} events", large.Append, small.Append,
            $"the same at {small.Size:N0} events", aim: LatencyAim.Median(small.Append.MedianMs * 1.2, "within 20%"));
        report.AddLatency($"stream lookup latency at {large.Size:N0} vs {small.Size:N0} events", large.Lookup, small.Lookup,
            $"the same at {small.Size:N0} events", aim: LatencyAim.Median(small.Lookup.MedianMs * 1.2, "within 20%"));
    }

    static async Task<(long Size, Latency Append, Latency Lookup)> MeasureAtAsync(BenchDatabase bench, long size)
    {
        var have = await bench.CountEventsAsync();
        Console.Error.WriteLine($"growth: filling to {size:N0} events (have {have:N0})");
        var at = DateTimeOffset.UtcNow;
        var streams = new List<Guid>();
        while (have < size)
        {
            await using (var session = bench.Store.LightweightSession())
            {
                session.CorrelationId = "bench";
                session.LastModifiedBy = "bench";
                for (var s = 0; s < 100; s++)
                {
                    var stream = Guid.NewGuid();
                    if (streams.Count < 10_000) streams.Add(stream);
                    session.Events.StartStream(stream, Enumerable.Range(1, 10)
                        .Select(i => (object)new SampleRecorded(stream, "pembatik-tulis", "35.23", i, at)).ToArray());
                }
                await session.SaveChangesAsync();
            }
            have += 1_000;
            if (have % 250_000 == 0) Console.Error.Write($"\r  {have:N0}");
        }
        Console.Error.WriteLine();
        await bench.ExecuteAsync($"analyze {BenchDatabase.SchemaName}.mt_events");
        await bench.ExecuteAsync($"analyze {BenchDatabase.SchemaName}.mt_streams");
        // Streams of ten events like the ones filled, picked at random when this size needed no filling.
        foreach (var sample in new[] { "tablesample bernoulli (2)", "" })
        {
            if (streams.Count > 0) break;
            await using var pick = bench.DataSource.CreateCommand(
                $"select id from {BenchDatabase.SchemaName}.mt_streams {sample} where version = 10 limit 1000");
            await using var reader = await pick.ExecuteReaderAsync();
            while (await reader.ReadAsync()) streams.Add(reader.GetGuid(0));
        }

        var random = new Random(11);
        var append = await Latency.MeasureAsync(Samples, _ => AppendWorkload.AppendOneAsync(bench.Store, Guid.NewGuid(), 1));
        var lookup = await Latency.MeasureAsync(Samples, async _ =>
        {
            await using var session = bench.Store.QuerySession();
            await session.ReadStateAsync<SampleFold>(streams[random.Next(streams.Count)]);
        });
        Console.Error.WriteLine($"  at {size:N0}: append {append}; lookup {lookup}");
        return (size, append, lookup);
    }
}

using Ledger.Store;
using Npgsql;

namespace Ledger.Bench;

/// <summary>A 1,000-event stream folded as it stood at a random instant, against reading the same rows with plain SQL.</summary>
public static class TimeTravelWorkload
{
    const int Events = 1_000, Samples = 300;

    public static async Task RunAsync(BenchDatabase bench, Report report)
    {
        Console.Error.WriteLine($"time travel: one stream of {Events:N0} events, {Samples} folds at random instants");
        var start = new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new SteppingClock(start, TimeSpan.FromHours(80)); // about ten years over the stream
        var store = new EventStore(bench.DataSource, bench.Store.Events, new LedgerStoreOptions { Schema = BenchDatabase.SchemaName }, clock);
        var stream = Guid.NewGuid();
        for (var v = 0; v < Events; v += 100)
            await store.AppendAsync(stream, v, EventMetadata.None,
                Enumerable.Range(v + 1, 100).Select(i => (object)new SampleRecorded(stream, "pembatik-tulis", "35.23", i, start)).ToArray());
        var end = clock.GetUtcNow();
        var random = new Random(7);
        var instants = Enumerable.Range(0, Samples).Select(_ => start + (end - start) * random.NextDouble()).ToArray();

        await bench.Store.AggregateStreamAsync<SampleFold>(stream, asOf: instants[0]); // warm-up
        var ledger = await Latency.MeasureAsync(Samples, i => bench.Store.AggregateStreamAsync<SampleFold>(stream, asOf: instants[i]));
        var plain = await Latency.MeasureAsync(Samples, async i =>
        {
            await using var command = bench.DataSource.CreateCommand(
                $"select data from {BenchDatabase.SchemaName}.events where stream_id = $1 and recorded_at <= $2 order by version");
            command.Parameters.Add(new NpgsqlParameter { Value = stream });
            command.Parameters.Add(new NpgsqlParameter { Value = instants[i] });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) reader.GetString(0);
        });
        Console.Error.WriteLine($"  ledger {ledger}; plain select {plain}");
        report.AddLatency("time travel, 1,000-event stream as of an instant", ledger, plain, "select of the stream's rows", aim: "median <= 10 ms");
    }
}

/// <summary>A fold over the sample events: how many, and the last attempt number seen.</summary>
public sealed record SampleFold(int Count, int LastAttempt) : IAggregate<SampleFold>
{
    public static string StreamType => "sample";

    public static SampleFold Initial { get; } = new(0, 0);

    public static SampleFold Fold(SampleFold state, object @event) =>
        @event is SampleRecorded e ? new(state.Count + 1, e.Attempt) : state;
}

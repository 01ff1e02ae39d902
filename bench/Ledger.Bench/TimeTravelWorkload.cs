using Ledger.Domain;
using Ledger.Marten;
using Npgsql;

namespace Ledger.Bench;

/// <summary>
/// A 1,000-event stream folded as it stood at a random instant (<see cref="StreamReads.ReadStateAsync"/>, the
/// ledger's own read of a stream at a moment), against reading the same rows with plain SQL. PostgreSQL stamps
/// every event as it commits (Quick append), so the stream is written in 100 appends spread over a few seconds.
/// </summary>
public static class TimeTravelWorkload
{
    const int Events = 1_000, Appends = 100, Samples = 300;

    public static async Task RunAsync(BenchDatabase bench, Report report)
    {
        Console.Error.WriteLine($"time travel: one stream of {Events:N0} events in {Appends} appends, {Samples} folds at random instants");
        var stream = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        for (var v = 0; v < Events; v += Events / Appends)
        {
            await using (var session = bench.Store.LightweightSession())
            {
                session.Events.Append(stream, Enumerable.Range(v + 1, Events / Appends)
                    .Select(i => (object)new SampleRecorded(stream, "pembatik-tulis", "35.23", i, at)).ToArray());
                await session.SaveChangesAsync();
            }
            await Task.Delay(20);
        }
        DateTimeOffset first, last;
        await using (var range = bench.DataSource.CreateCommand(
            $"select min(timestamp), max(timestamp) from {BenchDatabase.SchemaName}.mt_events where stream_id = $1"))
        {
            range.Parameters.Add(new NpgsqlParameter { Value = stream });
            await using var reader = await range.ExecuteReaderAsync();
            await reader.ReadAsync();
            (first, last) = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
        }
        var random = new Random(7);
        var instants = Enumerable.Range(0, Samples).Select(_ => first + (last - first) * random.NextDouble()).ToArray();

        async Task FoldAsync(int i)
        {
            await using var session = bench.Store.QuerySession();
            _ = await session.ReadStateAsync<SampleFold>(stream, timestamp: instants[i]) ?? throw new InvalidOperationException("The stream was not found.");
        }
        await FoldAsync(0); // warm-up
        var ledger = await Latency.MeasureAsync(Samples, FoldAsync);
        var plain = await Latency.MeasureAsync(Samples, async i =>
        {
            await using var command = bench.DataSource.CreateCommand(
                $"select data from {BenchDatabase.SchemaName}.mt_events where stream_id = $1 and timestamp <= $2 order by version");
            command.Parameters.Add(new NpgsqlParameter { Value = stream });
            command.Parameters.Add(new NpgsqlParameter { Value = instants[i] });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) reader.GetString(0);
        });
        Console.Error.WriteLine($"  ledger {ledger}; plain select {plain}");
        report.AddLatency("time travel, 1,000-event stream as of an instant", ledger, plain, "select of the stream's rows", aim: LatencyAim.Median(10));
    }
}

/// <summary>A fold over the sample events: how many, and the last attempt number seen.</summary>
public sealed record SampleFold(int Count, int LastAttempt) : IAggregate<SampleFold>
{
    public static SampleFold Initial { get; } = new(0, 0);

    public static SampleFold Fold(SampleFold state, object @event) =>
        @event is SampleRecorded e ? new(state.Count + 1, e.Attempt) : state;
}

using System.Diagnostics;

namespace Ledger.Bench;

/// <summary>Median and 99th percentile of repeated timings, in milliseconds.</summary>
public sealed record Latency(double MedianMs, double P99Ms, int Samples)
{
    public static async Task<Latency> MeasureAsync(int samples, Func<int, Task> operation)
    {
        var timings = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await operation(i);
            timings[i] = stopwatch.Elapsed.TotalMilliseconds;
        }
        return Of(timings);
    }

    /// <summary>The median and 99th percentile of timings in milliseconds (at least one).</summary>
    public static Latency Of(IEnumerable<double> timingsMs)
    {
        var sorted = timingsMs.Order().ToArray();
        return new Latency(sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)], sorted.Length);
    }

    /// <summary>The median of several rounds' medians and of their 99th percentiles, with all their samples.</summary>
    public static Latency MedianOf(IEnumerable<Latency> rounds)
    {
        var all = rounds.ToArray();
        return new Latency(Rounds.Median(all.Select(r => r.MedianMs)), Rounds.Median(all.Select(r => r.P99Ms)), all.Sum(r => r.Samples));
    }

    public override string ToString() => $"median {MedianMs:0.00} ms, p99 {P99Ms:0.00} ms";
}

using System.Diagnostics;
using System.Globalization;

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

/// <summary>The ceiling a latency aims at: its median's or its 99th percentile's, in milliseconds, with why, if it needs saying.</summary>
public sealed record LatencyAim(string Measure, double CeilingMs, string? Why = null)
{
    public static LatencyAim Median(double ms, string? why = null) => new("median", ms, why);

    public static LatencyAim P99(double ms, string? why = null) => new("p99", ms, why);

    public bool MetBy(Latency latency) => (Measure == "p99" ? latency.P99Ms : latency.MedianMs) <= CeilingMs;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Measure} <= {CeilingMs:0.##} ms") + (Why is null ? "" : $" ({Why})");
}

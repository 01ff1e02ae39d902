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
        Array.Sort(timings);
        return new Latency(timings[samples / 2], timings[Math.Min(samples - 1, (int)Math.Ceiling(samples * 0.99) - 1)], samples);
    }

    public override string ToString() => $"median {MedianMs:0.00} ms, p99 {P99Ms:0.00} ms";
}

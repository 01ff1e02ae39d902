using System.Globalization;

namespace Ledger.Bench;

/// <summary>
/// Throughput and latency measured in rounds taken in turns with their plain-PostgreSQL ceiling, so that a burst
/// of load from elsewhere on a shared machine falls on one round of one side rather than on a whole side. Each
/// figure is the median of its rounds, and every round is reported.
/// </summary>
public static class Rounds
{
    public const int Count = 3;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>The rounds' values in order, e.g. "4,498; 4,638; 4,702".</summary>
    public static string List(IEnumerable<double> values, string format) =>
        string.Join("; ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}

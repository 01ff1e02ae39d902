using System.Globalization;

namespace Ledger.Bench;

/// <summary>Figures side by side with their plain-PostgreSQL ceiling.</summary>
public sealed class Report
{
    readonly List<(string Workload, string Unit, double Ledger, double Plain, string PlainHow, double Aim)> rows = [];

    public void Add(string workload, string unit, double ledger, double plain, string plainHow, double aim)
    {
        rows.Add((workload, unit, ledger, plain, plainHow, aim));
        Console.Error.WriteLine($"  {workload}: {ledger:N0} {unit} (plain PostgreSQL {plainHow}: {plain:N0}; ratio {ledger / plain:0.00})");
    }

    /// <summary>A latency figure beside its ceiling; the ratio compares medians (ceiling over ledger, so higher is better).</summary>
    public void AddLatency(string workload, Latency ledger, Latency plain, string plainHow, double aimMedianMs)
    {
        latencies.Add((workload, ledger, plain, plainHow, aimMedianMs));
        Console.Error.WriteLine($"  {workload}: {ledger} (plain PostgreSQL {plainHow}: {plain})");
    }

    readonly List<(string Workload, Latency Ledger, Latency Plain, string PlainHow, double AimMedianMs)> latencies = [];

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("| workload | ledger | plain PostgreSQL | ratio | aim |");
        writer.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in rows)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Workload} | {r.Ledger:N0} {r.Unit} | {r.Plain:N0} {r.Unit} ({r.PlainHow}) | {r.Ledger / r.Plain:0.00} | >= {r.Aim:0.00} |"));
        if (latencies.Count == 0) return;
        writer.WriteLine();
        writer.WriteLine("| workload | ledger median / p99 | plain PostgreSQL median / p99 | aim (median) |");
        writer.WriteLine("|---|---:|---:|---:|");
        foreach (var l in latencies)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {l.Workload} | {l.Ledger.MedianMs:0.00} / {l.Ledger.P99Ms:0.00} ms | {l.Plain.MedianMs:0.00} / {l.Plain.P99Ms:0.00} ms ({l.PlainHow}) | <= {l.AimMedianMs:0.00} ms |"));
    }
}

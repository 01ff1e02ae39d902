using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Ledger.Bench;

/// <summary>
/// Figures side by side with what they are measured against in the same run: plain PostgreSQL (pgbench, COPY) as
/// the ceiling, or plain Marten where the question is what the ledger's own triggers and views cost.
/// </summary>
public sealed class Report
{
    readonly List<(string Workload, string Unit, double Ledger, double Plain, string PlainUnit, string PlainHow, double? Aim)> rows = [];

    /// <summary>
    /// A figure beside the one it is compared with; <paramref name="aim"/> is the least ratio wanted, if any;
    /// <paramref name="plainUnit"/> names the other figure's unit when it is not <paramref name="unit"/> (one event per request, say).
    /// </summary>
    public void Add(string workload, string unit, double ledger, double plain, string plainHow, double? aim, string? plainUnit = null)
    {
        rows.Add((workload, unit, ledger, plain, plainUnit ?? unit, plainHow, aim));
        Console.Error.WriteLine($"  {workload}: {ledger:N0} {unit} (beside {plainHow}: {plain:N0} {plainUnit ?? unit}; ratio {ledger / plain:0.00}" +
            (aim is { } a ? $", aim >= {a:0.00}: {Verdict(ledger / plain >= a)})" : ")"));
    }

    /// <summary>A latency figure beside the one it is compared with, and the ceiling it aims at.</summary>
    public void AddLatency(string workload, Latency ledger, Latency plain, string plainHow, LatencyAim aim)
    {
        latencies.Add((workload, ledger, plain, plainHow, aim));
        Console.Error.WriteLine($"  {workload}: {ledger} (beside {plainHow}: {plain}; aim {aim}: {Verdict(aim.MetBy(ledger))})");
    }

    readonly List<(string Workload, Latency Ledger, Latency Plain, string PlainHow, LatencyAim Aim)> latencies = [];

    static string Verdict(bool met) => met ? "met" : "missed";

    /// <summary>Peak resident memory of a process taking part (the API host, or the benchmark's own client), per workload.</summary>
    public void AddMemory(string workload, string process, long peakBytes)
    {
        memory.Add((workload, process, peakBytes));
        Console.Error.WriteLine($"  {workload}: peak memory of {process} {peakBytes / 1048576.0:N0} MiB");
    }

    readonly List<(string Workload, string Process, long PeakBytes)> memory = [];

    /// <summary>A sentence printed under the tables: how a figure was taken, when the tables cannot say it.</summary>
    public void Note(string text)
    {
        notes.Add(text);
        Console.Error.WriteLine($"  {text}");
    }

    readonly List<string> notes = [];

    /// <summary>Writes the report as Markdown (for people) and JSON (for machines) into <paramref name="directory"/>; returns the Markdown path.</summary>
    public string Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var markdown = Path.Combine(directory, $"report-{stamp}.md");
        using (var writer = new StreamWriter(markdown))
        {
            writer.WriteLine($"# Ledger benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
            Print(writer);
        }
        File.Copy(markdown, Path.Combine(directory, "latest.md"), overwrite: true);
        var json = JsonSerializer.Serialize(new
        {
            at = DateTimeOffset.UtcNow,
            cores = Environment.ProcessorCount,
            throughput = rows.Select(r => new
            {
                r.Workload, r.Unit, ledger = r.Ledger, plain = r.Plain, r.PlainUnit, plainHow = r.PlainHow, ratio = r.Ledger / r.Plain, aim = r.Aim,
                met = r.Aim is { } aim ? r.Ledger / r.Plain >= aim : (bool?)null,
            }),
            latency = latencies.Select(l => new { l.Workload, ledger = l.Ledger, plain = l.Plain, plainHow = l.PlainHow, aim = l.Aim.ToString(), met = l.Aim.MetBy(l.Ledger) }),
            memory = memory.Select(m => new { m.Workload, m.Process, peakMiB = m.PeakBytes / 1048576.0 }),
            notes,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        File.WriteAllText(Path.Combine(directory, $"report-{stamp}.json"), json);
        File.WriteAllText(Path.Combine(directory, "latest.json"), json);
        return markdown;
    }

    /// <summary>This process's peak resident memory so far (VmHWM), in bytes.</summary>
    public static long OwnPeakMemory()
    {
        using var self = Process.GetCurrentProcess();
        return PeakOf(self.Id) ?? self.PeakWorkingSet64;
    }

    /// <summary>A process's peak resident memory (VmHWM from /proc), or null when it cannot be read.</summary>
    public static long? PeakOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return null; }
    }

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("| workload | ledger | beside it, same run | ratio | aim |");
        writer.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in rows)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Workload} | {r.Ledger:N0} {r.Unit} | {r.Plain:N0} {r.PlainUnit} ({r.PlainHow}) | {r.Ledger / r.Plain:0.00} | {(r.Aim is { } aim ? $">= {aim:0.00}: {Verdict(r.Ledger / r.Plain >= aim)}" : "—")} |"));
        if (memory.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("| workload | process | peak memory |");
            writer.WriteLine("|---|---|---:|");
            foreach (var m in memory)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {m.Workload} | {m.Process} | {m.PeakBytes / 1048576.0:N0} MiB |"));
        }
        if (latencies.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("| workload | ledger median / p99 | beside it, median / p99 | aim |");
            writer.WriteLine("|---|---:|---:|---:|");
            foreach (var l in latencies)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {l.Workload} | {l.Ledger.MedianMs:0.00} / {l.Ledger.P99Ms:0.00} ms | {l.Plain.MedianMs:0.00} / {l.Plain.P99Ms:0.00} ms ({l.PlainHow}) | {l.Aim}: {Verdict(l.Aim.MetBy(l.Ledger))} |"));
        }
        if (notes.Count == 0) return;
        writer.WriteLine();
        foreach (var note in notes) writer.WriteLine($"- {note}");
    }
}

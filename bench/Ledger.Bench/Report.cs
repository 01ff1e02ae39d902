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

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("| workload | ledger | plain PostgreSQL | ratio | aim |");
        writer.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in rows)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Workload} | {r.Ledger:N0} {r.Unit} | {r.Plain:N0} {r.Unit} ({r.PlainHow}) | {r.Ledger / r.Plain:0.00} | >= {r.Aim:0.00} |"));
    }
}

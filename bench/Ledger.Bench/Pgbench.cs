using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ledger.Bench;

/// <summary>Runs PostgreSQL's own pgbench with a custom script against the benchmark database.</summary>
public static partial class Pgbench
{
    /// <summary>Runs <paramref name="script"/>; <paramref name="variables"/> reach it as <c>:name</c>, bound as parameters.</summary>
    public static async Task<double> TransactionsPerSecondAsync(
        string connectionString, string script, int clients, TimeSpan duration, IReadOnlyDictionary<string, string>? variables = null) =>
        (await RunAsync(connectionString, [script], clients, duration, variables, logLatencies: false)).Rate;

    /// <summary>
    /// Runs several scripts, picked at random per transaction: transactions/s, and the median and 99th
    /// percentile latency read from pgbench's transaction log.
    /// </summary>
    public static async Task<(double Rate, Latency Latency)> RunScriptsAsync(string connectionString, IReadOnlyList<string> scripts, int clients, TimeSpan duration)
    {
        var (rate, latency) = await RunAsync(connectionString, scripts, clients, duration, variables: null, logLatencies: true);
        return (rate, latency!);
    }

    /// <summary>Runs pgbench; with <paramref name="logLatencies"/> it logs every transaction (a small cost of its own) to read latencies from.</summary>
    static async Task<(double Rate, Latency? Latency)> RunAsync(
        string connectionString, IReadOnlyList<string> scripts, int clients, TimeSpan duration,
        IReadOnlyDictionary<string, string>? variables, bool logLatencies)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var folder = Directory.CreateTempSubdirectory("ledger-pgbench-");
        try
        {
            var start = new ProcessStartInfo(FindPgbench()) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName };
            foreach (var a in new[] { "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                         "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(a);
            if (logLatencies) foreach (var a in new[] { "-l", "--log-prefix", "tx" }) start.ArgumentList.Add(a);
            for (var i = 0; i < scripts.Count; i++)
            {
                var file = Path.Combine(folder.FullName, $"s{i}.sql");
                await File.WriteAllTextAsync(file, scripts[i]);
                start.ArgumentList.Add("-f");
                start.ArgumentList.Add(file);
            }
            foreach (var (name, value) in variables ?? new Dictionary<string, string>())
            {
                start.ArgumentList.Add("-D");
                start.ArgumentList.Add($"{name}={value}");
            }
            start.Environment["PGHOST"] = csb.Host;
            start.Environment["PGPORT"] = csb.Port.ToString(CultureInfo.InvariantCulture);
            start.Environment["PGDATABASE"] = csb.Database;
            start.Environment["PGUSER"] = csb.Username;
            if (csb.Password is { } password) start.Environment["PGPASSWORD"] = password;

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = Tps().Match(output);
            if (process.ExitCode != 0 || !match.Success) throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {errors}{output}");
            // Each log line: client, transaction, latency in microseconds, script, epoch, microseconds.
            var latencies = Directory.GetFiles(folder.FullName, "tx*").SelectMany(File.ReadLines)
                .Select(l => l.Split(' ')).Where(f => f.Length > 2).Select(f => double.Parse(f[2], CultureInfo.InvariantCulture) / 1000);
            return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), logLatencies ? Latency.Of(latencies) : null);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static string FindPgbench()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                     .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : []))
        {
            var candidate = Path.Combine(dir, "pgbench");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("pgbench is not installed (it comes with the postgresql package).");
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}

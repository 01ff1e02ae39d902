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
        string connectionString, string script, int clients, TimeSpan duration, IReadOnlyDictionary<string, string>? variables = null)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var file = Path.Combine(Path.GetTempPath(), $"ledger-bench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var start = new ProcessStartInfo(FindPgbench())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture),
                    "-j", "2", "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", file },
            };
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
            if (process.ExitCode != 0 || !match.Success)
                throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {errors}{output}");
            return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Runs several scripts, picked at random per transaction, with per-statement latencies: transactions/s,
    /// and the median and 99th percentile latency read from pgbench's transaction log.
    /// </summary>
    public static async Task<(double Rate, Latency Latency)> RunScriptsAsync(string connectionString, IReadOnlyList<string> scripts, int clients, TimeSpan duration)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var folder = Directory.CreateTempSubdirectory("ledger-pgbench-");
        try
        {
            var start = new ProcessStartInfo(FindPgbench()) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName };
            foreach (var a in new[] { "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                         "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-l", "--log-prefix", "tx" })
                start.ArgumentList.Add(a);
            for (var i = 0; i < scripts.Count; i++)
            {
                var file = Path.Combine(folder.FullName, $"s{i}.sql");
                await File.WriteAllTextAsync(file, scripts[i]);
                start.ArgumentList.Add("-f");
                start.ArgumentList.Add(file);
            }
            start.Environment["PGHOST"] = csb.Host;
            start.Environment["PGPORT"] = csb.Port.ToString(CultureInfo.InvariantCulture);
            start.Environment["PGDATABASE"] = csb.Database;
            start.Environment["PGUSER"] = csb.Username;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = Tps().Match(output);
            if (process.ExitCode != 0 || !match.Success) throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {errors}{output}");
            // Each log line: client, transaction, latency in microseconds, script, epoch, microseconds.
            var latencies = Directory.GetFiles(folder.FullName, "tx*").SelectMany(File.ReadLines)
                .Select(l => l.Split(' ')).Where(f => f.Length > 2).Select(f => double.Parse(f[2], CultureInfo.InvariantCulture) / 1000).Order().ToArray();
            return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                new Latency(latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)], latencies.Length));
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

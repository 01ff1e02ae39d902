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

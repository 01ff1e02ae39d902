using System.Diagnostics;
using System.Globalization;

namespace Ledger.Bench;

/// <summary>
/// Debian's wrk as the HTTP load generator: a second process, light on the CPU the API needs, keeping a
/// fixed number of connections busy. Requests rotate through a list of paths.
/// </summary>
public static class Wrk
{
    public static bool Installed => File.Exists("/usr/bin/wrk");

    public static async Task<(double Rate, Latency Latency, long Errors)> RunAsync(Uri api, IReadOnlyList<string> paths, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"ledger-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $$"""
            local paths = { {{string.Join(", ", paths.Select(p => $"\"{p}\""))}} }
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            done = function(summary, latency, requests)
              io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(99), summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.timeout))
            end
            """);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture),
                         "-d", $"{(int)duration.TotalSeconds}s", "-s", script, api.ToString().TrimEnd('/') })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var result = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))?.Split(' ')
                ?? throw new InvalidOperationException($"wrk printed no result: {output}{await process.StandardError.ReadToEndAsync()}");
            var n = result.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return (n[0] / (n[1] / 1_000_000), new Latency(n[2] / 1000, n[3] / 1000, (int)n[0]), (long)(n[4] + n[5]));
        }
        finally
        {
            File.Delete(script);
        }
    }
}

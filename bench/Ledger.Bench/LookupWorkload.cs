using System.Diagnostics;
using System.Net;

namespace Ledger.Bench;

/// <summary>
/// The public verification endpoint under 32 concurrent connections from a second process (wrk, or this
/// process when wrk is missing), against the API host running as a process of its own, beside pgbench running the same primary-key select of the
/// verification view on 32 connections. Requests/s, p50 and p99 (each the median of <see cref="Rounds"/>), and the API process's peak memory.
/// </summary>
public static class LookupWorkload
{
    const int Connections = 32;
    const string Schema = "bench_http";
    static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(BenchDatabase bench, Report report, string apiDll, int certifications, TimeSpan duration)
    {
        Console.Error.WriteLine($"lookups: seeding {certifications} certifications through the domain (seed-demo)");
        using var api = await BenchApiHost.StartAsync(bench, apiDll, Schema, 5391, certifications);

        var numbers = new List<string>();
        await using (var command = bench.DataSource.CreateCommand($"select certificate_number from {Schema}.verification_view order by certificate_number limit 200"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) numbers.Add(reader.GetString(0));
        if (numbers.Count == 0) throw new InvalidOperationException("The demo issued no certificates to look up.");
        Console.Error.WriteLine($"lookups: {numbers.Count} certificate numbers, {Connections} connections, {Rounds.Count} rounds of {duration.TotalSeconds:0} s each side");

        await bench.SettleAsync();
        await LoadAsync(api.BaseAddress, numbers, TimeSpan.FromSeconds(3)); // every answer checked to be a 200
        var paths = numbers.Select(n => $"/api/verify/{n}").ToList();
        if (Wrk.Installed)
        {
            // Warm-up under the same load, not measured: on two cores, tiered compilation needs a while at full load
            // before the hot path runs as optimised code.
            await Wrk.RunAsync(api.BaseAddress, paths, Connections, Warmup);
        }
        // The very statement the endpoint runs, with the number written in (pgbench picks one script per transaction).
        var scripts = numbers.Take(20).Select(n => Ledger.Projections.Verification.VerificationTables.Find($"\"{Schema}\"").Replace("$1", $"'{n}'") + ";").ToList();

        var ours = new List<(double Rate, Latency Latency)>();
        var plain = new List<(double Rate, Latency Latency)>();
        for (var round = 1; round <= Rounds.Count; round++)
        {
            ours.Add(await MeasureHttpAsync(api.BaseAddress, numbers, paths, duration));
            plain.Add(await Pgbench.RunScriptsAsync(bench.ConnectionString, scripts, Connections, duration));
            Console.Error.WriteLine($"  lookups, round {round}: over HTTP {ours[^1].Rate:N0} requests/s, {ours[^1].Latency}; pgbench {plain[^1].Rate:N0}, {plain[^1].Latency}");
        }
        var peak = api.PeakMemory;

        report.Add("verification lookups over HTTP, 32 connections", "requests/s", Rounds.Median(ours.Select(r => r.Rate)), Rounds.Median(plain.Select(r => r.Rate)),
            "pgbench running the endpoint's select, 32 connections", 0.5);
        report.AddLatency("verification lookup over HTTP", Latency.MedianOf(ours.Select(r => r.Latency)), Latency.MedianOf(plain.Select(r => r.Latency)),
            "pgbench running the endpoint's select", aim: LatencyAim.P99(10));
        report.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Lookups: the median of {Rounds.Count} rounds of {duration.TotalSeconds:0} s each side, taken in turns. p99 per round over HTTP: {Rounds.List(ours.Select(r => r.Latency.P99Ms), "0.00")} ms; pgbench: {Rounds.List(plain.Select(r => r.Latency.P99Ms), "0.00")} ms."));
        if (peak is { } bytes) report.AddMemory("verification lookups over HTTP", "API host", bytes);
    }

    static async Task<(double Rate, Latency Latency)> MeasureHttpAsync(Uri api, List<string> numbers, List<string> paths, TimeSpan duration)
    {
        if (!Wrk.Installed) return await LoadAsync(api, numbers, duration);
        var (rate, latency, errors) = await Wrk.RunAsync(api, paths, Connections, duration);
        if (errors > 0) throw new InvalidOperationException($"{errors} lookups failed under load.");
        return (rate, latency);
    }

    static async Task<(double Rate, Latency Latency)> LoadAsync(Uri api, List<string> numbers, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections }) { BaseAddress = api };
        var stopwatch = Stopwatch.StartNew();
        var timings = await Task.WhenAll(Enumerable.Range(0, Connections).Select(c => Task.Run(async () =>
        {
            var mine = new List<double>();
            var random = new Random(c);
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync($"/api/verify/{numbers[random.Next(numbers.Count)]}");
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"A lookup answered {(int)response.StatusCode}.");
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return mine;
        })));
        var latency = Latency.Of(timings.SelectMany(t => t));
        return (latency.Samples / stopwatch.Elapsed.TotalSeconds, latency);
    }
}

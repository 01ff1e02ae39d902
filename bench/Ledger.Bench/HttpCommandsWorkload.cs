using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ledger.Projections.Verification;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Ledger.Bench;

/// <summary>
/// Commands over HTTP through the real host: the API as a process of its own (Kestrel on 127.0.0.1, production
/// settings, Marten's async daemon following the log as it does in production), its certificates issued through the
/// domain (<c>seed-demo</c>), and 8 clients, each with certificates of its own, freezing and reinstating them in turn
/// with a registrar's bearer token through the Wolverine endpoints <c>POST /api/registry/certifications/{id}/freeze</c>
/// and <c>/reinstatement</c>: one request at a time per client on a keep-alive connection, every answer checked to be
/// a 200. Beside it, in rounds taken in turns: the same commands through the bus in this process
/// (<see cref="CertificateWriters"/>, the store-level append of the commands) and plain Marten's Quick append from 8
/// writers. Requests/s, p50 and p99 (each the median of <see cref="Rounds"/>), and the host's peak memory.
/// </summary>
public static class HttpCommandsWorkload
{
    const int Clients = 8;
    const int CertificatesPerClient = 32;
    const string Schema = "bench_http_commands";
    const int Port = 5392;

    /// <summary>Certifications seed-demo records: late in the year about four in five end with a valid certificate.</summary>
    const int SeededCertifications = 400;

    static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);

    /// <summary>Over HTTP against the same commands through the bus: the least ratio the host and its HTTP may cost.</summary>
    public const double AimVersusBus = 0.5;

    static readonly LatencyAim Aim = LatencyAim.P99(25);

    public static async Task RunAsync(BenchDatabase bench, Report report, IHost commands, string apiDll, TimeSpan duration)
    {
        // Certificates of their own for the bus's writers: streams that start about as short as those of the host's
        // certificates, whatever ran before (a fetch for writing reads the whole stream, so a longer one costs more).
        var busWriters = await CertificateWriters.PrepareAsync(bench, commands, "LSPHTTPBUS");
        Console.Error.WriteLine($"commands over HTTP: seeding {SeededCertifications} certifications through the domain (seed-demo)");
        using var api = await BenchApiHost.StartAsync(bench, apiDll, Schema, Port, SeededCertifications);
        var token = await api.TokenAsync("registrar", "registrar:bench");
        var clients = await ClientsAsync(bench);
        Console.Error.WriteLine($"commands over HTTP: {Clients} clients freezing and reinstating {clients.Sum(c => c.Certificates.Length)} certificates " +
            $"({clients[0].Certificates.Length} each), {Rounds.Count} rounds of {duration.TotalSeconds:0} s each side");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = api.BaseAddress,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await bench.SettleAsync();
        // The first request to each endpoint has Wolverine compile its chain (seconds on a loaded machine): one freeze and
        // one reinstatement first. Then each side warms up under its own load, not measured: on two cores, tiered
        // compilation needs a while at full load before a hot path runs as optimised code.
        await ExplainedAsync(api, () => SendAsync(http, clients[0], 0));
        await ExplainedAsync(api, () => SendAsync(http, clients[0], 0));
        await ExplainedAsync(api, () => RunClientsAsync(http, clients, Warmup));
        await busWriters.RunAsync(Warmup);
        await AppendWorkload.RunWritersAsync(bench.PlainStore, Warmup);

        var overHttp = new List<(double Rate, Latency Latency)>();
        var throughBus = new List<(double Rate, Latency Latency)>();
        var marten = new List<double>();
        for (var round = 1; round <= Rounds.Count; round++)
        {
            overHttp.Add(await ExplainedAsync(api, () => RunClientsAsync(http, clients, duration)));
            throughBus.Add(await busWriters.RunAsync(duration));
            marten.Add(await AppendWorkload.RunWritersAsync(bench.PlainStore, duration));
            Console.Error.WriteLine($"  commands over HTTP, round {round}: {overHttp[^1].Rate:N0} requests/s, {overHttp[^1].Latency}; " +
                $"through the bus {throughBus[^1].Rate:N0} events/s, {throughBus[^1].Latency}; plain Marten {marten[^1]:N0} events/s");
        }
        var peak = api.PeakMemory;

        var (h, b, m) = (Rounds.Median(overHttp.Select(r => r.Rate)), Rounds.Median(throughBus.Select(r => r.Rate)), Rounds.Median(marten));
        const string row = "commands over HTTP (freeze, reinstate) through the API host, 8 clients, one event per request";
        report.Add(row, "requests/s", h, b, "the same commands through the bus in process (store level), 8 writers", AimVersusBus, plainUnit: "events/s");
        report.Add(row, "requests/s", h, m, "plain Marten Quick append, 8 writers", null, plainUnit: "events/s");
        report.AddLatency("command over HTTP (freeze, reinstate), 8 clients", Latency.MedianOf(overHttp.Select(r => r.Latency)),
            Latency.MedianOf(throughBus.Select(r => r.Latency)), "the same commands through the bus in process", Aim);
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"Commands over HTTP: the median of {Rounds.Count} rounds of {duration.TotalSeconds:0} s each side, taken in turns, each side after {Warmup.TotalSeconds:0} s of its own load; " +
            $"the clients are one HttpClient in the benchmark's process. Per round, over HTTP: {Rounds.List(overHttp.Select(r => r.Rate), "N0")} requests/s, " +
            $"p99 {Rounds.List(overHttp.Select(r => r.Latency.P99Ms), "0.00")} ms; through the bus: {Rounds.List(throughBus.Select(r => r.Rate), "N0")} events/s, " +
            $"p99 {Rounds.List(throughBus.Select(r => r.Latency.P99Ms), "0.00")} ms; plain Marten: {Rounds.List(marten, "N0")} events/s."));
        if (peak is { } bytes) report.AddMemory("commands over HTTP", "API host", bytes);
    }

    /// <summary>Requests to the host, with what it wrote last when it stops answering.</summary>
    static async Task<T> ExplainedAsync<T>(BenchApiHost api, Func<Task<T>> requests)
    {
        try
        {
            return await requests();
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"The API host stopped answering ({e.Message}); it wrote last:\n{api.LastOutput}", e);
        }
    }

    /// <summary>A client's certificates, the two requests it can send for each, and whether each is frozen now.</summary>
    sealed class Client(Guid[] certificates)
    {
        public Guid[] Certificates { get; } = certificates;

        public string[] FreezePaths { get; } = certificates.Select(id => $"/api/registry/certifications/{id}/freeze").ToArray();

        public string[] ReinstatePaths { get; } = certificates.Select(id => $"/api/registry/certifications/{id}/reinstatement").ToArray();

        public bool[] Frozen { get; } = new bool[certificates.Length];

        public int Next { get; set; }
    }

    /// <summary>Valid certificates the demo issued, far from their last valid day, dealt out to the clients.</summary>
    static async Task<Client[]> ClientsAsync(BenchDatabase bench)
    {
        var certificates = new List<Guid>();
        await using (var command = bench.DataSource.CreateCommand(
            $"select certification_id from {Schema}.verification_view where status = $1 and valid_until > current_date + 30 order by certificate_number limit $2"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = VerificationStatuses.Valid });
            command.Parameters.Add(new NpgsqlParameter { Value = Clients * CertificatesPerClient });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) certificates.Add(reader.GetGuid(0));
        }
        if (certificates.Count < Clients)
            throw new InvalidOperationException($"The demo left {certificates.Count} valid certificates; {Clients} clients need one each at least " +
                "(early in the year the demo has issued few).");
        var each = certificates.Count / Clients;
        return Enumerable.Range(0, Clients).Select(c => new Client(certificates.Skip(c * each).Take(each).ToArray())).ToArray();
    }

    static readonly byte[] FreezeBody = Encoding.UTF8.GetBytes("""{"reason": "benchmark: document check"}""");
    static readonly byte[] ReinstateBody = Encoding.UTF8.GetBytes("""{"reason": "benchmark: documents in order"}""");
    static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// Every client freezing or reinstating its next certificate, one request at a time, for <paramref name="duration"/>,
    /// going on from where it stopped; requests per second and the latency of a request (sent until its answer is read).
    /// </summary>
    static async Task<(double Rate, Latency Latency)> RunClientsAsync(HttpClient http, Client[] clients, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var timings = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (stopwatch.Elapsed < duration)
            {
                var i = client.Next;
                client.Next = (i + 1) % client.Certificates.Length;
                mine.Add(await SendAsync(http, client, i));
            }
            return mine;
        })));
        var latency = Latency.Of(timings.SelectMany(t => t));
        return (latency.Samples / stopwatch.Elapsed.TotalSeconds, latency);
    }

    /// <summary>Freezes the client's <paramref name="i"/>th certificate, or reinstates it when frozen; the milliseconds until the answer was read.</summary>
    static async Task<double> SendAsync(HttpClient http, Client client, int i)
    {
        var frozen = client.Frozen[i];
        using var content = new ByteArrayContent(frozen ? ReinstateBody : FreezeBody);
        content.Headers.ContentType = Json;
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync(frozen ? client.ReinstatePaths[i] : client.FreezePaths[i], content);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException(
                $"{(frozen ? "Reinstating" : "Freezing")} certification {client.Certificates[i]} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        client.Frozen[i] = !frozen;
        return elapsed;
    }
}

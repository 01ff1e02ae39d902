using Ledger.Testing;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Soak;
using Npgsql;

// Faults under a steady write load, on loopback, against a database of the soak's own (ops/soak sets it up):
// the API process is killed with SIGKILL and restarted several times, PostgreSQL is stopped in immediate mode
// and started again; afterwards every acknowledged write must be in the store exactly once, the projections
// must equal a rebuild, and the ledger must verify. Bounded in time; stops by itself.
// usage: Ledger.Soak --api <Ledger.Api.dll> --ops-db <ops/db> [--seconds N] [--writers N] [--port P]
//        Ledger.Soak --scaleout --api <Ledger.Api.dll> [--port P]   (LEDGER_DB and LEDGER_DB_REPLICA set)
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).DefaultIfEmpty(fallback).First();
var dll = Arg("--api", "src/Api/bin/Release/net10.0/Ledger.Api.dll");
if (args.Contains("--scaleout"))
{
    using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    return await ScaleOut.RunAsync(dll, Environment.GetEnvironmentVariable("LEDGER_DB")!, Environment.GetEnvironmentVariable("LEDGER_DB_REPLICA")!,
        int.Parse(Arg("--port", "5291")), limit.Token);
}
var seconds = int.Parse(Arg("--seconds", "60"));
var writersCount = int.Parse(Arg("--writers", "8"));
var port = int.Parse(Arg("--port", "5191"));
var connectionString = Environment.GetEnvironmentVariable("LEDGER_DB") ?? throw new InvalidOperationException("LEDGER_DB is not set.");
const string Schema = "soak";
using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 300));
var ct = cancel.Token;

var keyFile = Path.Combine(Path.GetTempPath(), $"ledger-soak-checkpoint-{Guid.NewGuid():N}.pem");
var environment = new Dictionary<string, string>
{
    ["LEDGER_DB"] = connectionString,
    ["Ledger__Schema"] = Schema,
    ["Ledger__Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    ["Ledger__PersonalData__NikHashSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    ["Ledger__Integrity__CheckpointKeyFile"] = keyFile,
    ["Ledger__RateLimit__Verification__PermitLimit"] = "100000",
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
};

await using (var reset = NpgsqlDataSource.Create(connectionString))
await using (var drop = reset.CreateCommand($"drop schema if exists {Schema} cascade"))
    await drop.ExecuteNonQueryAsync(ct);

using var api = new ApiProcess(dll, port, environment);
var failures = new List<string>();
var database = new Database(Arg("--ops-db", "ops/db"));
var counters = new Counters();
var clock = Stopwatch.StartNew();
void Say(string text) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {text}");

await api.StartAsync(ct);
var registrar = await api.RunVerbAsync(ct, "token", "registrar", "--name", "soak-registrar", "--hours", "2");
var agency = await api.RunVerbAsync(ct, "token", "agency", "--name", "soak-agency", "--hours", "2");
var pksId = await Http.SignAgreementsAsync(api.BaseAddress, agency, ct, yearlyQuota: 100_000);
Say($"API up on {api.BaseAddress}; agreements signed; {writersCount} writers for {seconds} s");

using var stopLoad = new CancellationTokenSource();
var writers = Enumerable.Range(0, writersCount).Select(i => new Writer(api.BaseAddress, registrar, pksId, i, counters)).ToList();
var load = writers.Select(w => Task.Run(() => w.RunAsync(stopLoad.Token))).ToArray();

// The faults, spread over the run. After each, the daemon must run again: the API leads it, every read model running.
var kills = 0;
var restarts = new List<TimeSpan>();
var daemonBack = new List<TimeSpan>();
async Task DaemonBackAsync(string fault)
{
    var waited = Stopwatch.StartNew();
    if (await Http.WaitForSingleLeaderAsync([api], TimeSpan.FromSeconds(30), ct) is null)
        failures.Add($"the daemon did not run again within 30 s after the fault ({fault})");
    else
    {
        daemonBack.Add(waited.Elapsed);
        Say($"the daemon leads again with every read model running, {waited.Elapsed.TotalSeconds:0.0} s after ({fault})");
    }
}
var slice = TimeSpan.FromSeconds(seconds / 6.0);
for (var round = 1; round <= 5; round++)
{
    await Task.Delay(slice, ct);
    if (round == 3)
    {
        Say("PostgreSQL: immediate stop");
        await database.CrashAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(4), ct);
        var probe = await ProbeAsync(api.BaseAddress, registrar);
        Say($"while it is down the API answers {probe}");
        await database.StartAsync(ct);
        Say("PostgreSQL: started again");
        await DaemonBackAsync("PostgreSQL restarted");
    }
    else
    {
        Say($"API: SIGKILL (pid {api.Pid})");
        api.Kill();
        kills++;
        var restart = Stopwatch.StartNew();
        await api.StartAsync(ct);
        restarts.Add(restart.Elapsed);
        Say($"API: restarted (answering after {restart.Elapsed.TotalSeconds:0.0} s)");
        await DaemonBackAsync("API restarted");
    }
}
await Task.Delay(slice, ct);
stopLoad.Cancel();
await Task.WhenAll(load);
Say($"load stopped: {counters.Requests} requests, {counters.Acknowledged} acknowledged");

// Checks against the store itself.
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var artisans = writers.SelectMany(w => w.Artisans).ToList();
var certifications = writers.SelectMany(w => w.Certifications).ToList();
var registered = await CountPerStreamAsync(dataSource, "artisan_registered", artisans, ct);
var enrolled = await CountPerStreamAsync(dataSource, "artisan_enrolled", certifications, ct);
var lost = artisans.Count(a => registered.GetValueOrDefault(a) == 0) + certifications.Count(c => enrolled.GetValueOrDefault(c) == 0);
var twice = registered.Values.Count(n => n > 1) + enrolled.Values.Count(n => n > 1);
var duplicatePeople = await ScalarAsync<long>(dataSource,
    $"select count(*) from (select data->>'nikHash' from {Schema}.mt_events where type = 'artisan_registered' group by 1 having count(*) > 1) d", ct);
// One command, retried under its Idempotency-Key through crashes, must have appended its events once: no key names two
// events of one type in one stream.
var keyedTwice = await ScalarAsync<long>(dataSource, $"""
    select count(*) from (select 1 from {Schema}.mt_events where headers ? 'idempotency_key'
                          group by headers->>'idempotency_key', stream_id, type having count(*) > 1) d
    """, ct);
if (lost > 0) failures.Add($"{lost} acknowledged writes are missing from the store");
if (twice > 0 || duplicatePeople > 0 || keyedTwice > 0) failures.Add($"{twice + duplicatePeople + keyedTwice} writes were recorded twice");
if (counters.ServerErrors > 0) failures.Add($"{counters.ServerErrors} answers were 5xx other than 503: {string.Join(" | ", counters.ServerErrorSamples)}");
if (counters.UnavailableWithoutRetryAfter > 0) failures.Add($"{counters.UnavailableWithoutRetryAfter} 503 answers had no Retry-After");
if (counters.Hangs > 0) failures.Add($"{counters.Hangs} requests hung past the client's 15 s timeout");

// After the faults the daemon runs again on the API (the one node: it must lead, every read model running).
var leadsAgain = Stopwatch.StartNew();
if (await Http.WaitForSingleLeaderAsync([api], TimeSpan.FromSeconds(30), ct) is null)
    failures.Add("after the faults the API never led the daemon with every read model running (30 s)");
else Say($"the daemon leads on the API with every read model running ({leadsAgain.Elapsed.TotalSeconds:0.0} s after the load stopped)");

// Projections: caught up, none skipped an event, then equal to what a rebuild produces.
await Http.WaitCaughtUpAsync(dataSource, Schema, ct);
var deadLetters = await Http.DeadLettersAsync(dataSource, Schema, ct);
if (deadLetters > 0) failures.Add($"the read models skipped {deadLetters} events they could not apply (Marten's dead letters)");
var live = await Http.DigestAsync(dataSource, Schema, ct);
Say($"projections caught up; rebuilding the {live.Count} tables of the read models to compare");
foreach (var line in await Http.RebuildAllAsync(api, ct)) Say(line);
var rebuilt = await Http.DigestAsync(dataSource, Schema, ct);
foreach (var (table, digest) in live)
    if (rebuilt.GetValueOrDefault(table) != digest) failures.Add($"projection table {table} differs from its rebuild");
var verify = await Http.VerifyAsync(api, ct);
Say($"verify: {verify.Summary}");
if (!verify.Intact) failures.Add($"the ledger does not verify: {verify.Summary}{string.Concat(verify.Failures.Take(10).Select(f => $" | {f}"))}");
var events = await ScalarAsync<long>(dataSource, $"select count(*) from {Schema}.mt_events", ct);

Console.WriteLine();
Console.WriteLine("| soak figure | value |");
Console.WriteLine("|---|---:|");
Console.WriteLine($"| duration | {clock.Elapsed.TotalSeconds:0} s |");
Console.WriteLine($"| requests sent | {counters.Requests} |");
Console.WriteLine($"| retries with the same Idempotency-Key | {counters.Retried} |");
Console.WriteLine($"| faults injected | {kills} API SIGKILLs, {database.Crashes} PostgreSQL immediate stops |");
Console.WriteLine($"| API restart to answering (max) | {(restarts.Count == 0 ? 0 : restarts.Max().TotalSeconds):0.0} s |");
Console.WriteLine($"| daemon leading again after a fault (max, of {daemonBack.Count}) | {(daemonBack.Count == 0 ? 0 : daemonBack.Max().TotalSeconds):0.0} s |");
Console.WriteLine($"| events in the store | {events} |");
Console.WriteLine($"| acknowledged writes checked | {artisans.Count + certifications.Count} |");
Console.WriteLine($"| lost | {lost} |");
Console.WriteLine($"| recorded twice | {twice + duplicatePeople + keyedTwice} |");
Console.WriteLine($"| 5xx other than 503 | {counters.ServerErrors} |");
Console.WriteLine($"| 503 with Retry-After while the database was down | {counters.Unavailable - counters.UnavailableWithoutRetryAfter} |");
Console.WriteLine($"| refused connections while the API restarted | {counters.RefusedConnections} |");
Console.WriteLine($"| hangs | {counters.Hangs} |");
Console.WriteLine($"| retries of commands committed before a crash, refused as duplicates by the domain | {counters.ResolvedByDomainCount} |");
Console.WriteLine($"| projection tables equal to a rebuild | {live.Count - failures.Count(f => f.StartsWith("projection"))} of {live.Count} |");
Console.WriteLine($"| events skipped by the read models (dead letters) | {deadLetters} |");
Console.WriteLine($"| hash chains and checkpoints | {(verify.Intact ? "intact" : "NOT intact")} |");
Console.WriteLine();
foreach (var failure in failures) Console.WriteLine($"FAILED: {failure}");
Console.WriteLine($"soak: {(failures.Count == 0 ? 1 : 0)} passed, {(failures.Count == 0 ? 0 : 1)} failed");
File.Delete(keyFile);
return failures.Count == 0 ? 0 : 1;

static async Task<string> ProbeAsync(Uri api, string token)
{
    using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(15), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
    var stopwatch = Stopwatch.StartNew();
    var response = await http.GetAsync($"/api/registry/artisans/{Guid.NewGuid()}");
    return $"{(int)response.StatusCode} (Retry-After: {response.Headers.RetryAfter?.ToString() ?? "none"}) in {stopwatch.ElapsedMilliseconds} ms";
}

static async Task<Dictionary<Guid, long>> CountPerStreamAsync(NpgsqlDataSource dataSource, string type, List<Guid> streams, CancellationToken ct)
{
    await using var command = dataSource.CreateCommand($"select stream_id, count(*) from {Schema}.mt_events where type = $1 and stream_id = any($2) group by stream_id");
    command.Parameters.Add(new NpgsqlParameter { Value = type });
    command.Parameters.Add(new NpgsqlParameter { Value = streams.ToArray() });
    await using var reader = await command.ExecuteReaderAsync(ct);
    var counts = new Dictionary<Guid, long>();
    while (await reader.ReadAsync(ct)) counts[reader.GetGuid(0)] = reader.GetInt64(1);
    return counts;
}

static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
{
    await using var command = dataSource.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync(ct))!;
}

using Ledger.Bench;
using Microsoft.Extensions.Hosting;

// Measures the store beside plain PostgreSQL on the same machine, in the same run, and prints both.
// usage: Ledger.Bench [append] [http-commands] [batch] [import] [integrity] [lookup] [rebuild] [timetravel] [growth] [--seconds N] [--events N]
//                     [--growth-events N] [--rebuild-events N] [--certifications N] [--rows N] [--api Ledger.Api.dll] [--out DIR]
var connectionString = Environment.GetEnvironmentVariable("LEDGER_DB")
    ?? throw new InvalidOperationException("Set LEDGER_DB (ops/bench does) to the database to measure.");
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).DefaultIfEmpty(10).First();
var workloads = args.Where(a => !a.StartsWith("--") && !int.TryParse(a, out _)).ToHashSet();
bool Selected(string name) => workloads.Count == 0 || workloads.Contains(name);

await using var bench = await BenchDatabase.PrepareAsync(connectionString);
var report = new Report();
// The domain's commands on the benchmark's store, started once for the workloads that send them through the bus.
var commands = new Lazy<Task<IHost>>(() => CertificateWriters.StartCommandsAsync(bench));

var apiDll = args.SkipWhile(a => a != "--api").Skip(1).DefaultIfEmpty("src/Api/bin/Release/net10.0/Ledger.Api.dll").First();

if (Selected("append")) await AppendWorkload.RunAsync(bench, report, await commands.Value, TimeSpan.FromSeconds(seconds));
if (Selected("http-commands")) await HttpCommandsWorkload.RunAsync(bench, report, await commands.Value, apiDll, TimeSpan.FromSeconds(seconds));
if (Selected("batch")) await BatchWorkload.RunAsync(bench, report);
if (Selected("import"))
    await ImportWorkload.RunAsync(bench, report, await commands.Value, args.SkipWhile(a => a != "--rows").Skip(1).Select(int.Parse).DefaultIfEmpty(10_000).First());
if (Selected("integrity"))
{
    var events = args.SkipWhile(a => a != "--events").Skip(1).Select(int.Parse).DefaultIfEmpty(1_000_000).First();
    await IntegrityWorkload.RunAsync(bench, report, events, TimeSpan.FromSeconds(seconds));
}

if (Selected("lookup"))
{
    var certifications = args.SkipWhile(a => a != "--certifications").Skip(1).Select(int.Parse).DefaultIfEmpty(1_000).First();
    await LookupWorkload.RunAsync(bench, report, apiDll, certifications, TimeSpan.FromSeconds(seconds));
}
if (Selected("timetravel")) await TimeTravelWorkload.RunAsync(bench, report);
if (Selected("growth"))
{
    var large = args.SkipWhile(a => a != "--growth-events").Skip(1).Select(long.Parse).DefaultIfEmpty(10_000_000).First();
    await GrowthWorkload.RunAsync(bench, report, large);
}
if (Selected("rebuild")) await RebuildWorkload.RunAsync(bench, report, args.SkipWhile(a => a != "--rebuild-events").Skip(1).Select(long.Parse).DefaultIfEmpty(1_000_000).First());

report.AddMemory("whole run", "benchmark client (store in process)", Report.OwnPeakMemory());
report.Print(Console.Out);
var output = args.SkipWhile(a => a != "--out").Skip(1).DefaultIfEmpty(Path.Combine(Environment.CurrentDirectory, ".bench")).First();
Console.Error.WriteLine($"report written to {report.Save(output)}");
return 0;

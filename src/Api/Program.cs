using Ledger.Api.Hosting;
using Ledger.Api.Health;

if (await CommandLine.TryRunAsync(args) is { } exitCode) return exitCode;

var builder = WebApplication.CreateBuilder(args);
builder.AddLedger();

var app = builder.Build();
app.MapHealthApi();

await app.MigrateLedgerAsync();
await app.RunAsync();
return 0;

public partial class Program;

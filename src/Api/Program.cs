using Ledger.Api.Hosting;

if (await CommandLine.TryRunAsync(args) is { } exitCode) return exitCode;

var builder = WebApplication.CreateBuilder(args);
builder.AddLedgerApi();

var app = builder.Build();
app.UseLedgerApi();
app.MapLedgerEndpoints();

await app.MigrateLedgerAsync();
await app.RunAsync();
return 0;

public partial class Program;

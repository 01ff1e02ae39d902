using Ledger.Api.Hosting;

if (await CommandLine.TryRunAsync(args) is { } exitCode) return exitCode;

var builder = WebApplication.CreateBuilder(args);
builder.AddLedgerApi();

var app = builder.Build();
app.UseLedgerApi();
app.MapLedgerEndpoints();

if (!await app.PrepareLedgerAsync()) return 1;
await app.RunAsync();
return 0;

public partial class Program;

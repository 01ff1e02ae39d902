using JasperFx;
using Ledger.Api.Hosting;
using Ledger.Api.Verbs;

var builder = WebApplication.CreateBuilder(args);
builder.AddLedgerApi();
builder.AddVerbConsole(args);

var app = builder.Build();
app.UseLedgerApi();
app.MapLedgerEndpoints();

// Serves the API (no verb), or runs a verb: the ledger's (src/Api/Verbs), Marten's and Wolverine's.
return VerbExitCodes.Of(await app.RunJasperFxCommands(args));

public partial class Program;

using JasperFx.CommandLine;
using Ledger.Api.Hosting;
using Ledger.Marten;
using Marten;
using Weasel.Core;

namespace Ledger.Api.Verbs;

/// <summary>
/// <c>migrate</c>: applies every schema change Marten knows of (the event store, the ledger's feature schemas, the read
/// side's tables), makes Wolverine's message storage, and says whether Marten's schema changed; when
/// <c>Ledger:Database:ApplicationRole</c> names the role the application connects as, grants it what it may do
/// (<see cref="ApplicationRole"/>). Run as the schema's owner.
/// </summary>
[Description("Create or migrate the database schema, then exit", Name = "migrate")]
public sealed class MigrateVerb : LedgerVerb<NetCoreInput>
{
    protected override async Task<int> RunAsync(NetCoreInput input, IServiceProvider services)
    {
        var schema = services.GetRequiredService<LedgerDatabase>().Schema;
        var before = await services.GetRequiredService<IDocumentStore>().Storage.Database.CreateMigrationAsync();
        await services.MigrateForApplicationAsync(services.GetRequiredService<IConfiguration>());
        Console.WriteLine(before.Difference == SchemaPatchDifference.None
            ? $"schema {schema} was already up to date"
            : $"schema {schema} migrated ({before.Difference}); it is up to date");
        return VerbExitCodes.Done;
    }
}

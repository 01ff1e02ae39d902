using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ledger.Api.Tests;

/// <summary>The real host over the real database, in a schema of its own.</summary>
public sealed class LedgerApiFactory : WebApplicationFactory<Program>
{
    public string Schema { get; } = TestDatabase.SchemaFor(typeof(LedgerApiFactory)) + "_" + Guid.NewGuid().ToString("N")[..6];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Ledger", TestDatabase.ConnectionString);
        builder.UseSetting("Ledger:Schema", Schema);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }
}

using Ledger.Api.Hosting;
using Ledger.Domain;
using Ledger.Store;
using Ledger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Hosting;

/// <summary>The composition a command-line verb builds writes what the host writes, inline views included.</summary>
public sealed class ComposingWriters : IAsyncLifetime
{
    readonly string schema = TestDatabase.SchemaFor(typeof(ComposingWriters));

    public Task InitializeAsync() => TestDatabase.DropSchemaAsync(schema);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_verb_composed_store_migrates_and_keeps_the_verification_view_with_the_events()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ledger"] = TestDatabase.ConnectionString,
            ["Ledger:Schema"] = schema,
            [LedgerSecrets.NikHashSecret] = LedgerApiFactory.NikHashSecret,
            [LedgerSecrets.CheckpointKey] = Ledger.Store.Integrity.CheckpointSigner.Generate().PrivateKeyPem(),
        }).Build();
        await using var services = new ServiceCollection().AddLedger(configuration).BuildServiceProvider();
        var store = services.GetRequiredService<EventStore>();
        await store.MigrateAsync();

        var migrated = await TestDatabase.ScalarAsync<bool>($"select to_regclass('\"{schema}\".verification_view') is not null");
        migrated.ShouldBeTrue();
        store.InlineProjections.ShouldContain(p => p is Ledger.Projections.Verification.VerificationProjection);
        services.GetRequiredService<LedgerCommands>().ShouldNotBeNull();
    }
}

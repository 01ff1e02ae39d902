using Ledger.Api.Hosting;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
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
            [LedgerSecrets.CheckpointKey] = Ledger.Integrity.CheckpointSigner.Generate().PrivateKeyPem(),
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLedger(configuration);
        await using var services = collection.BuildServiceProvider();
        await services.MigrateAsync();

        var migrated = await TestDatabase.ScalarAsync<bool>($"select to_regclass('\"{schema}\".verification_view') is not null");
        migrated.ShouldBeTrue();
        var store = services.GetRequiredService<IDocumentStore>();
        ((StoreOptions)store.Options).Projections.All.ShouldContain(p => p.Name == Ledger.Projections.LedgerReadModels.Verification && p.Lifecycle == JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        services.GetRequiredService<Ledger.PersonalData.PersonalDataProtector>().ShouldNotBeNull();
    }
}

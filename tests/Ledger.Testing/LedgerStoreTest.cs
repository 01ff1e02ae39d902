using Ledger.Marten;
using Marten;

namespace Ledger.Testing;

/// <summary>
/// A test against the ledger's Marten store in a schema of its own test class (so classes run in parallel),
/// dropped and migrated at the start of each test so that a failure leaves its state to inspect. Override
/// <see cref="Configure"/> to add what a test class needs on top of the ledger (read models, a daemon).
/// </summary>
public abstract class LedgerStoreTest : IAsyncLifetime
{
    readonly Lazy<DocumentStore> store;

    protected LedgerStoreTest()
    {
        Schema = TestDatabase.SchemaFor(GetType());
        store = new(() => CreateStore());
    }

    protected string Schema { get; }

    /// <summary>The clock commands act at; it moves only when the test moves it (PostgreSQL stamps the moment of recording).</summary>
    protected ManualTimeProvider Clock { get; } = new();

    protected DocumentStore Store => store.Value;

    /// <summary>Adds to the ledger's configuration; the base adds nothing.</summary>
    protected virtual void Configure(StoreOptions options) { }

    /// <summary>A store over the test's schema, configured as the test's own (e.g. for a second node).</summary>
    protected DocumentStore CreateStore(Action<StoreOptions>? more = null) => DocumentStore.For(options =>
    {
        LedgerStore.Configure(options, TestDatabase.DataSource, new LedgerStoreSettings { Schema = Schema });
        Configure(options);
        more?.Invoke(options);
    });

    public virtual async Task InitializeAsync()
    {
        await TestDatabase.DropSchemaAsync(Schema);
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public virtual Task DisposeAsync()
    {
        if (store.IsValueCreated) store.Value.Dispose();
        return Task.CompletedTask;
    }
}

using Ledger.Store;

namespace Ledger.Testing;

/// <summary>
/// A test against the real store in a schema of its own test class (so classes run in parallel), reset
/// at the start of each test so that a failure leaves its state to inspect.
/// </summary>
public abstract class StoreTest : IAsyncLifetime
{
    protected StoreTest()
    {
        Schema = TestDatabase.SchemaFor(GetType());
        Store = new EventStore(TestDatabase.DataSource, CreateRegistry(), new LedgerStoreOptions { Schema = Schema }, Clock);
    }

    protected string Schema { get; }

    protected ManualTimeProvider Clock { get; } = new();

    protected EventStore Store { get; }

    protected virtual EventTypeRegistry CreateRegistry() => new();

    public virtual async Task InitializeAsync()
    {
        await TestDatabase.DropSchemaAsync(Schema);
        await Store.MigrateAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

using System.Runtime.CompilerServices;
using Ledger.Projections.Regencies;
using Ledger.Store;
using Ledger.Store.Schema;

namespace Ledger.Projections.Daemon.Schema;

/// <summary>The read side's own tables (versions 200-299), added to the store's migrator once.</summary>
public static class ProjectionMigrations
{
    static readonly ConditionalWeakTable<Migrator, object> Added = [];

    public static IReadOnlyList<Migration> All { get; } = [CheckpointsTable.Create, DeadLettersTable.Create, RegenciesTable.Create];

    /// <summary>Adds the read side's migrations to <paramref name="store"/>'s migrator; calling it again does nothing.</summary>
    public static EventStore AddProjectionMigrations(this EventStore store)
    {
        lock (Added)
        {
            if (Added.TryGetValue(store.Migrator, out _)) return store;
            store.Migrator.Add(All);
            Added.Add(store.Migrator, new object());
        }
        return store;
    }
}

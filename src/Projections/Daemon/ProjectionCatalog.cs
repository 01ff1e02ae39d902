using Ledger.Projections.Daemon.Operations;
using Ledger.Store;
using Npgsql;

namespace Ledger.Projections.Daemon;

/// <summary>Where a projection's tables live, and creating them (with its checkpoint row) when they are missing.</summary>
static class ProjectionCatalog
{
    /// <summary>The lock class that serialises creating projection tables across nodes ("LS").</summary>
    const int SchemaClass = 0x4C53;

    public static IReadOnlyDictionary<string, PhysicalTable> LiveTables(EventStore store, IAsyncProjection projection) =>
        projection.Tables.ToDictionary(t => t.Name, t => new PhysicalTable(store.Schema.Quoted, t.Name), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, PhysicalTable> ShadowTables(EventStore store, IAsyncProjection projection) =>
        projection.Tables.ToDictionary(t => t.Name, t => new PhysicalTable(store.Schema.Quoted, t.Name + ProjectionTable.ShadowSuffix), StringComparer.Ordinal);

    public static async Task EnsureAsync(EventStore store, IEnumerable<IAsyncProjection> projections, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var guard = new NpgsqlCommand("select pg_advisory_xact_lock($1, $2)", connection, tx))
        {
            guard.Parameters.Add(new NpgsqlParameter { Value = SchemaClass });
            guard.Parameters.Add(new NpgsqlParameter { Value = Leadership.KeyOf(store.Schema.Name, "") });
            await guard.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        foreach (var projection in projections)
        {
            var live = LiveTables(store, projection);
            await ProjectionTables.CreateMissingAsync(connection, tx, projection.Tables.Select(t => (t, live[t.Name])), ct).ConfigureAwait(false);
            await using var checkpoint = Checkpoints.Ensure(connection, tx, store.Schema.Quoted, projection.Name);
            await checkpoint.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}

using JasperFx.Events.Projections;
using Marten;

namespace Ledger.Projections.ReadModels;

/// <summary>
/// The shape each async read model's tables were folded in, recorded beside them (<c>read_model_shapes</c>). When the
/// code describes a newer shape (<see cref="ReadModelProjection.Shape"/>) than the one recorded, and the read model has
/// already folded events the old way, migrating the schema rebuilds it (<see cref="ReadModelRebuild"/>, into shadow
/// tables while the live ones keep serving) before recording the new shape; an upgraded deployment never serves a read
/// model whose new columns were never filled. A read model that has folded nothing takes its shape as it is.
/// </summary>
public static class ReadModelShapes
{
    public const string Table = "read_model_shapes";

    public static ReadModelTable Definition { get; } = new(Table, t =>
    {
        t.AddColumn("read_model", "text").AsPrimaryKey();
        t.AddColumn("shape", "integer").NotNull();
    });

    /// <summary>
    /// Rebuilds every live read model of <paramref name="store"/> folded in an older shape than its code's, and records
    /// each one's shape; the names of those rebuilt. A store without the read side has none.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CatchUpAsync(IDocumentStore store, Action<string>? log = null, CancellationToken ct = default)
    {
        var live = ((StoreOptions)store.Options).Projections.All.OfType<IProjectionWrapper>().Select(w => w.InnerProjection)
            .OfType<ReadModelProjection>().Where(p => !p.Target.IsShadow).ToList();
        var rebuilt = new List<string>();
        foreach (var projection in live)
        {
            var database = projection.Target.Database;
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            var recorded = await ReadModelRebuild.ScalarAsync<int?>(connection, null,
                $"select shape from {database.Quoted}.{Table} where read_model = $1", ct, projection.ReadModel).ConfigureAwait(false);
            if (recorded >= projection.Shape) continue;
            // Before shapes were recorded every read model was in its first shape.
            var folded = await ReadModelRebuild.ProgressAsync(connection, null, $"{database.Quoted}.mt_event_progression", projection.Name, ct)
                .ConfigureAwait(false) > 0;
            if (folded && (recorded ?? 1) < projection.Shape)
            {
                log?.Invoke($"read model {projection.ReadModel} is in shape {recorded ?? 1}, its code in shape {projection.Shape}: rebuilding it");
                var result = await ReadModelRebuild.RebuildAsync(store, projection.ReadModel, ct: ct).ConfigureAwait(false);
                log?.Invoke($"read model {projection.ReadModel} rebuilt: {result.Events:N0} events in {result.Elapsed.TotalSeconds:0.0} s");
                rebuilt.Add(projection.ReadModel);
            }
            await ReadModelRebuild.ExecuteAsync(connection, null, $"""
                insert into {database.Quoted}.{Table} (read_model, shape) values ($1, $2)
                on conflict (read_model) do update set shape = greatest({Table}.shape, excluded.shape)
                """, ct, projection.ReadModel, projection.Shape).ConfigureAwait(false);
        }
        return rebuilt;
    }
}

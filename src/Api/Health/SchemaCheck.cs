using Marten;
using Weasel.Core;

namespace Ledger.Api.Health;

/// <summary>
/// Whether the database holds the schema Marten expects: Marten compares every table, function and feature schema it
/// manages, which takes about half a second. A schema found current is trusted for <see cref="TrustFor"/> (it changes
/// only when someone migrates), so a probe every few seconds does not pay that each time; a difference is looked for
/// again on every call, so a node turns ready as soon as the migration lands. Concurrent probes share one comparison.
/// </summary>
public sealed class SchemaCheck(IDocumentStore store, TimeProvider time)
{
    public static readonly TimeSpan TrustFor = TimeSpan.FromMinutes(1);

    readonly SemaphoreSlim comparing = new(1, 1);
    DateTimeOffset currentUntil = DateTimeOffset.MinValue;

    public async Task<SchemaPatchDifference> DifferenceAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() < currentUntil) return SchemaPatchDifference.None;
        await comparing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (time.GetUtcNow() < currentUntil) return SchemaPatchDifference.None;
            var difference = (await store.Storage.Database.CreateMigrationAsync(ct).ConfigureAwait(false)).Difference;
            if (difference == SchemaPatchDifference.None) currentUntil = time.GetUtcNow() + TrustFor;
            return difference;
        }
        finally
        {
            comparing.Release();
        }
    }
}

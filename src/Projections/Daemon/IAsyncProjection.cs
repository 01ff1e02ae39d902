using Ledger.Store;

namespace Ledger.Projections.Daemon;

/// <summary>
/// A read model the daemon keeps up to date from the committed log, in batches and in log order. The
/// batch's writes and the checkpoint advance commit together, so each event is applied exactly once.
/// </summary>
public interface IAsyncProjection
{
    /// <summary>A stable name (snake_case): the checkpoint's key and part of the leadership lock's key; never rename it.</summary>
    string Name { get; }

    /// <summary>The tables this projection owns; the engine creates them, and creates shadows of them to rebuild.</summary>
    IReadOnlyList<ProjectionTable> Tables { get; }

    /// <summary>
    /// Applies <paramref name="batch"/> (in log order) through <paramref name="context"/>'s connection and
    /// transaction, addressing tables by <see cref="ProjectionContext.Table"/> so a rebuild writes its shadows.
    /// </summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct);
}

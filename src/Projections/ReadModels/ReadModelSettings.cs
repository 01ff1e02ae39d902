using Ledger.Marten;

namespace Ledger.Projections.ReadModels;

/// <summary>How the read side is registered in a store.</summary>
public sealed class ReadModelSettings
{
    /// <summary>The primary database: the async projections read their lookup rows from it.</summary>
    public required LedgerDatabase Database { get; init; }

    /// <summary>
    /// False (the default): an event a read model cannot apply is skipped and recorded in Marten's dead letters
    /// (<c>mt_doc_deadletterevent</c>), and later events are still projected. True: the projection stops before the
    /// page holding that event (its progress stays there, its state reads as stopped on error) until it is fixed.
    /// </summary>
    public bool StopOnError { get; init; }

    /// <summary>Events per page when following the log.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// Events per page when a rebuild replays the log into shadow tables (events of the types the read model folds: the
    /// page spans more of the log). Marten loads a page, then applies and commits it, then loads the next; measured on
    /// 200,000 events, 20,000 a page was no faster than 5,000.
    /// </summary>
    public int RebuildBatchSize { get; init; } = 5_000;
}

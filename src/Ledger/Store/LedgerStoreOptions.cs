namespace Ledger.Store;

/// <summary>Where the store keeps its tables and how it reaches PostgreSQL.</summary>
public sealed class LedgerStoreOptions
{
    /// <summary>The PostgreSQL schema holding the ledger's tables (one per test class, in tests).</summary>
    public string Schema { get; set; } = "ledger";

    /// <summary>How many times a transient database error is retried before it is reported.</summary>
    public int TransientRetries { get; set; } = 4;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter.</summary>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether appends chain event hashes. Always on in the ledger; off only to measure what hashing costs.</summary>
    internal bool ChainHashes { get; set; } = true;
}

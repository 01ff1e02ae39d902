namespace Ledger.Domain;

/// <summary>Settings of the certification domain, given once at start-up.</summary>
public sealed class DomainOptions
{
    /// <summary>
    /// The secret of the keyed NIK hash (HMAC-SHA256) that refuses a second registration of the same person.
    /// At least 32 bytes; it must stay the same for the life of the ledger, or duplicates go unnoticed.
    /// </summary>
    public byte[] NikHashSecret { get; set; } = [];

    /// <summary>How many times a command that lost a race with another writer is reloaded and decided again.</summary>
    public int ConflictRetries { get; set; } = 6;

    /// <summary>The first delay before such a retry; later ones back off exponentially, with jitter.</summary>
    public TimeSpan ConflictRetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    internal void Validate()
    {
        if (NikHashSecret.Length < 32)
            throw new InvalidOperationException("DomainOptions.NikHashSecret must hold at least 32 bytes of secret.");
        if (ConflictRetries < 0) throw new InvalidOperationException("DomainOptions.ConflictRetries cannot be negative.");
    }
}

namespace Ledger.Domain;

/// <summary>Settings of the certification domain, given once at start-up.</summary>
public sealed class DomainOptions
{
    /// <summary>
    /// The secret of the keyed NIK hash (HMAC-SHA256) that refuses a second registration of the same person.
    /// At least 32 bytes; it must stay the same for the life of the ledger, or duplicates go unnoticed.
    /// </summary>
    public byte[] NikHashSecret { get; set; } = [];

    internal void Validate()
    {
        if (NikHashSecret.Length < 32)
            throw new InvalidOperationException("DomainOptions.NikHashSecret must hold at least 32 bytes of secret.");
    }
}

namespace Ledger.Store;

/// <summary>Who recorded an event, why, and which request it belongs to.</summary>
public sealed record EventMetadata(
    string? Actor = null,
    string? Reason = null,
    string? CorrelationId = null,
    string? CausationId = null)
{
    public static readonly EventMetadata None = new();
}

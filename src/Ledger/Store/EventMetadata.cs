namespace Ledger.Store;

/// <summary>
/// Who recorded an event, why, and which request it belongs to. <see cref="IdempotencyKey"/> is the key the
/// actor sent the request under, when it sent one: recorded with the events, in their transaction, it lets a
/// retry of that request find what the first attempt recorded even when its answer was never given.
/// </summary>
public sealed record EventMetadata(
    string? Actor = null,
    string? Reason = null,
    string? CorrelationId = null,
    string? CausationId = null,
    string? IdempotencyKey = null)
{
    public static readonly EventMetadata None = new();
}

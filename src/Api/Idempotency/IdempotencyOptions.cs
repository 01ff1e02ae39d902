namespace Ledger.Api.Idempotency;

/// <summary><c>Ledger:Idempotency</c>: how long a duplicate waits for the first request, and when a claim counts as abandoned.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Ledger:Idempotency";

    /// <summary>How long a duplicate of a request still in flight waits for its answer before a 409.</summary>
    public TimeSpan WaitForFirst { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A claim older than this, never completed, is taken over by the next request with the same key and body.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

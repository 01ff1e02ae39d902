namespace Ledger.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> on a registry write. The key goes with the command into its events' headers, in their
/// transaction (see <c>Ledger.Commands.CommandAttempt</c>): a retry under the same key with the same request is answered
/// with what the first one recorded, marked <c>Idempotent-Replayed</c>; the same key with another request is a 422.
/// Keys are per caller. A refused request records nothing, so its key stays free.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    const int MaxLength = 200;

    /// <summary>The request's key, or null without one; a key that is not 1 to 200 visible ASCII characters is a 400.</summary>
    public static string? Of(HttpRequest request)
    {
        var key = request.Headers[Header].ToString();
        if (key.Length == 0) return null;
        if (key.Length > MaxLength || !key.All(c => c is >= (char)0x21 and <= (char)0x7e))
            throw new BadHttpRequestException($"{Header} must be 1 to {MaxLength} visible ASCII characters, e.g. a UUID.");
        return key;
    }
}

using System.Security.Claims;
using Ledger.Domain;

namespace Ledger.Api.Http;

/// <summary>
/// What a write endpoint needs besides its body: who calls (the token's name, for the command's
/// <c>Actor</c>), when (the host's clock, for its <c>At</c>), the correlation id, and the version
/// <c>If-Match</c> asks for. Bind it as a handler parameter:
/// <code>static async Task&lt;...&gt; Revoke(Guid id, RevokeRequest body, CommandContext command, ...)</code>
/// </summary>
public sealed class CommandContext
{
    CommandContext(HttpContext http, string actor, string? role, DateTimeOffset at, long? expectedVersion, string? idempotencyKey)
    {
        Http = http;
        Actor = actor;
        Role = role;
        At = at;
        ExpectedVersion = expectedVersion;
        IdempotencyKey = idempotencyKey;
    }

    public HttpContext Http { get; }

    /// <summary>The caller's name from the token (<c>anonymous</c> without one).</summary>
    public string Actor { get; }

    /// <summary>The caller's role from the token.</summary>
    public string? Role { get; }

    /// <summary>The moment the command acts at, from the host's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The stream version <c>If-Match</c> asks for, or null for an unconditional write.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>The request's <c>Idempotency-Key</c>, when it has one.</summary>
    public string? IdempotencyKey { get; }

    public string CorrelationId => Http.CorrelationId();

    /// <summary>The command's options: If-Match as the expected version, the correlation id and the idempotency key.</summary>
    public CommandOptions Options => new(ExpectedVersion, CorrelationId, IdempotencyKey: IdempotencyKey);

    /// <summary>
    /// The id of a stream this request creates: random, or, under an idempotency key, derived from the caller,
    /// the key and the path, so that a retry of the request addresses the very stream its first attempt created.
    /// </summary>
    public Guid NewId() =>
        IdempotencyKey is null ? Guid.NewGuid() : DeterministicId.From("request", $"{Actor}\n{IdempotencyKey}\n{Http.Request.Path}");

    public static CommandContext From(HttpContext http)
    {
        var user = http.User;
        var actor = user.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name ? name : "anonymous";
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        return new CommandContext(http, actor, user.FindFirstValue(ClaimTypes.Role), time.GetUtcNow(), http.Request.IfMatchVersion(),
            IdempotencyKeys.Of(http.Request));
    }

    /// <summary>Minimal APIs bind a <see cref="CommandContext"/> parameter through this.</summary>
    public static ValueTask<CommandContext?> BindAsync(HttpContext http) => ValueTask.FromResult<CommandContext?>(From(http));

    /// <summary>Sets the ETag to the stream's new version after a write.</summary>
    public void Written(long version) => Http.Response.SetStreamVersion(version);

    /// <summary>Sets the ETag to the command's new stream version, and says so when the answer is a replay of the first one.</summary>
    public void Written(CommandResult result)
    {
        Written(result.Version);
        if (result.Replayed) Http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
    }
}

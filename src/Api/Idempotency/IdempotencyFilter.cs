using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on a write: the first request with a key runs and its answer (status,
/// Location, ETag, body) is kept; a retry with the same key and the same request gets that answer
/// again without running; the same key with another request is a 422. A duplicate arriving while the
/// first still runs waits for its answer. A request that fails (an exception, a 5xx) gives its key up,
/// so that a retry runs again. Keys are per caller.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyKeys keys, IOptions<IdempotencyOptions> options, ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    const int MaxKeyLength = 200;

    static readonly string[] KeptHeaders = [HeaderNames.ContentType, HeaderNames.Location, HeaderNames.ETag];

    /// <summary>1 to <see cref="MaxKeyLength"/> visible ASCII characters, e.g. a UUID.</summary>
    public static bool IsWellFormed(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= (char)0x21 and <= (char)0x7e);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            return await next(context);
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0) return await next(context);
        if (!IsWellFormed(key))
            throw new BadHttpRequestException($"{Header} must be 1 to {MaxKeyLength} visible ASCII characters, e.g. a UUID.");

        var caller = http.User.Identity?.Name ?? "anonymous";
        var hash = await HashAsync(http, caller);
        var ct = http.RequestAborted;
        var waitUntil = DateTimeOffset.UtcNow + options.Value.WaitForFirst;

        while (true)
        {
            if (await keys.TryClaimAsync(caller, key, hash, ct)) return await RunAndKeepAsync(context, next, caller, key);

            var entry = await keys.FindAsync(caller, key, ct);
            if (entry is null) continue; // given up just now: claim it again
            if (!entry.RequestHash.AsSpan().SequenceEqual(hash))
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key reused",
                    detail: $"This {Header} was already used for a different request; use a new key for a new request.");
            if (entry.Completed)
            {
                logger.LogInformation("Replaying the answer kept for an idempotency key");
                return new Replay(entry);
            }
            if (await keys.TryTakeOverAsync(caller, key, hash, options.Value.Lease, ct))
                return await RunAndKeepAsync(context, next, caller, key);
            if (DateTimeOffset.UtcNow >= waitUntil)
            {
                http.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Request in progress",
                    detail: $"A request with this {Header} is still being processed; retry shortly to get its answer.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }

    async Task<object?> RunAndKeepAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string caller, string key)
    {
        var http = context.HttpContext;
        var realBody = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            var outcome = await next(context);
            IResult result = outcome switch
            {
                IResult r => r,
                null => Results.Empty,
                string text => TypedResults.Text(text),
                _ => TypedResults.Json(outcome),
            };
            await result.ExecuteAsync(http);
        }
        catch
        {
            http.Response.Body = realBody;
            await keys.ReleaseAsync(caller, key, CancellationToken.None);
            throw;
        }
        http.Response.Body = realBody;

        var body = buffer.ToArray();
        if (http.Response.StatusCode >= 500)
            await keys.ReleaseAsync(caller, key, CancellationToken.None);
        else
        {
            var headers = KeptHeaders
                .Where(h => http.Response.Headers.ContainsKey(h))
                .ToDictionary(h => h, h => http.Response.Headers[h].ToString());
            // Kept even if the caller has gone: its retry must find the answer, not run again.
            await keys.CompleteAsync(caller, key, http.Response.StatusCode, headers, body, CancellationToken.None);
        }
        return new Written(body);
    }

    static async Task<byte[]> HashAsync(HttpContext http, string caller)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method}\n{http.Request.Path}{http.Request.QueryString}\n{caller}\n"));
        var body = http.Request.Body;
        if (body.CanSeek)
        {
            body.Position = 0;
            var chunk = new byte[8192];
            int read;
            while ((read = await body.ReadAsync(chunk, http.RequestAborted)) > 0) hash.AppendData(chunk, 0, read);
            body.Position = 0;
        }
        return hash.GetHashAndReset();
    }

    /// <summary>The first answer, written again.</summary>
    sealed class Replay(IdempotencyKeys.Entry entry) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = entry.Status;
            foreach (var (name, value) in entry.Headers) http.Response.Headers[name] = value;
            http.Response.Headers[ReplayedHeader] = "true";
            http.Response.ContentLength = entry.Body.Length;
            if (entry.Body.Length > 0) await http.Response.Body.WriteAsync(entry.Body);
        }
    }

    /// <summary>The answer the endpoint produced into the buffer, now sent (status and headers are already set).</summary>
    sealed class Written(byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentLength = body.Length;
            if (body.Length > 0) await http.Response.Body.WriteAsync(body);
        }
    }
}

/// <summary>Puts the idempotency filter on write endpoints.</summary>
public static class IdempotencyEndpoints
{
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>();

    /// <summary>Keeps request bodies re-readable when they carry an idempotency key, so the filter can hash them after binding.</summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Headers.ContainsKey(IdempotencyFilter.Header)) http.Request.EnableBuffering();
            return next(http);
        });
}

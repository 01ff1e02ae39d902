using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Ledger.Api.Auth;

namespace Ledger.Api.Http;

/// <summary>
/// The public lookup's budget, counted in certificates looked up rather than in requests: a lookup or a check page costs
/// one, a batch one per number. Anonymous callers share one budget per client address (<c>Ledger:RateLimit:Verification</c>,
/// by default 300 lookups a minute: an office behind one address can check a cohort of 40 several times a minute);
/// a registered verifier, whose token carries the <c>verifier</c> role, has a budget of its own per token name
/// (<c>Ledger:RateLimit:Verifier</c>, by default 6,000 a minute), whatever address it calls from. Over budget, the answer
/// is a 429 problem with Retry-After. The check page and the API draw on the same anonymous budget.
/// </summary>
public sealed class VerificationBudget : IDisposable
{
    public const string AnonymousSection = "Ledger:RateLimit:Verification";
    public const string VerifierSection = "Ledger:RateLimit:Verifier";

    /// <summary><c>PermitLimit</c> lookups per <c>Window</c>.</summary>
    public sealed record Limit(int PermitLimit, TimeSpan Window)
    {
        public FixedWindowRateLimiterOptions Options { get; } = new() { PermitLimit = PermitLimit, Window = Window, QueueLimit = 0 };

        public override string ToString() => $"{PermitLimit} lookups per {Window.TotalSeconds:0} seconds";
    }

    readonly PartitionedRateLimiter<IPAddress> addresses;
    readonly PartitionedRateLimiter<string> verifiers;

    readonly LedgerTokens tokens;

    public VerificationBudget(IConfiguration configuration, LedgerTokens tokens)
    {
        this.tokens = tokens;
        Anonymous = Read(configuration.GetSection(AnonymousSection), 300);
        Verifier = Read(configuration.GetSection(VerifierSection), 6_000);
        // The partition is keyed by the connection's own address object, so a lookup allocates nothing to find its window.
        addresses = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => Anonymous.Options));
        verifiers = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(name, _ => Verifier.Options));
    }

    public Limit Anonymous { get; }

    public Limit Verifier { get; }

    static Limit Read(IConfiguration section, int permits) =>
        new(section.GetValue("PermitLimit", permits), section.GetValue("Window", TimeSpan.FromMinutes(1)));

    /// <summary>
    /// Takes <paramref name="lookups"/> from the caller's budget; null when taken, else the 429 to answer (with its
    /// Retry-After set on the response).
    /// </summary>
    public IResult? Take(HttpContext http, int lookups)
    {
        // The lookup is public, so no policy reads a token for it. A verifier's is read here, only when one is sent, and
        // quietly: a token that does not hold is no refusal here, the lookup is simply charged to the address.
        var name = http.Request.Headers.Authorization.ToString() is { Length: > 7 } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && tokens.Validate(header[7..].Trim(), LedgerTokenHandler.SchemeName) is ({ } user, null)
            && user.IsInRole(LedgerRoles.Verifier) && user.Identity?.Name is { Length: > 0 } verifierName
                ? verifierName
                : null;
        var verifier = name is not null;
        var limit = verifier ? Verifier : Anonymous;
        TimeSpan? retryAfter;
        if (lookups > limit.PermitLimit)
            retryAfter = null;
        else
        {
            using var lease = verifier
                ? verifiers.AttemptAcquire(name!, lookups)
                : addresses.AttemptAcquire(http.Connection.RemoteIpAddress ?? IPAddress.None, lookups);
            if (lease.IsAcquired) return null;
            retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
        }

        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((retryAfter ?? limit.Window).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var whose = verifier ? "this verifier" : "one address; registered verifiers have a budget of their own";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: retryAfter is null
                ? $"A batch of {lookups} numbers is more than the {limit} allowed for {whose}."
                : $"Certificate lookups are limited to {limit} for {whose}; try again later.");
    }

    public void Dispose()
    {
        addresses.Dispose();
        verifiers.Dispose();
    }
}

/// <summary>A request that looks up more than one certificate, and says how many.</summary>
public interface ICountsLookups
{
    int Lookups { get; }
}

/// <summary>Charges each request of a group to the caller's <see cref="VerificationBudget"/> before it runs.</summary>
public sealed class VerificationBudgetFilter(VerificationBudget budget) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var lookups = 1;
        foreach (var argument in context.Arguments)
            if (argument is ICountsLookups counted) lookups = Math.Max(1, counted.Lookups);
        return budget.Take(context.HttpContext, lookups) ?? await next(context);
    }
}

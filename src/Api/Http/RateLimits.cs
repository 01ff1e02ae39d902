using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Http;

/// <summary>
/// <c>Ledger:RateLimit:Verification</c>: the public lookup is limited per client address
/// (<c>PermitLimit</c> requests per <c>Window</c>), answered 429 with Retry-After as problem details.
/// </summary>
public static class RateLimits
{
    public const string Verification = "verification";

    public sealed class VerificationOptions
    {
        public int PermitLimit { get; set; } = 60;

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }

    public static IServiceCollection AddLedgerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VerificationOptions>().Bind(configuration.GetSection("Ledger:RateLimit:Verification"));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<IPAddress, PerClientAddress>(Verification);
        });
        return services;
    }

    /// <summary>
    /// One fixed window per client address. The settings are read once, and the partition is keyed by the
    /// connection's own address object, so a lookup allocates nothing here to find its window.
    /// </summary>
    sealed class PerClientAddress : IRateLimiterPolicy<IPAddress>
    {
        readonly VerificationOptions settings;
        readonly Func<IPAddress, FixedWindowRateLimiterOptions> window;

        public PerClientAddress(IOptions<VerificationOptions> options)
        {
            settings = options.Value;
            var limits = new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window, QueueLimit = 0 };
            window = _ => limits;
        }

        public RateLimitPartition<IPAddress> GetPartition(HttpContext http) =>
            RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress ?? IPAddress.None, window);

        public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => async (context, ct) =>
        {
            var http = context.HttpContext;
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"This lookup allows {settings.PermitLimit} requests per {settings.Window.TotalSeconds:0} seconds from one address; try again later.",
                },
            });
        };
    }
}

using Microsoft.AspNetCore.Http.Features;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;

namespace Ledger.Api.Http;

/// <summary>
/// The ledger's limits on a request's target (<see cref="MaxTargetBytes"/>) and headers (<see cref="MaxHeaderBytes"/>),
/// answered by the app as problem details: 414 and 431. Kestrel checks its own limits while it parses a request,
/// before any middleware runs, and answers those itself with an empty body; they are set at twice the ledger's, so
/// only a request past twice the limit gets Kestrel's bare answer.
/// </summary>
public static class RequestLimits
{
    public const int MaxTargetBytes = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    public static IServiceCollection AddLedgerRequestLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestLineSize = 2 * MaxTargetBytes;
            o.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
        });

    /// <summary>Refuses a request over the limits with 414 or 431 (as problem details, through the exception handler).</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            if (target.Length > MaxTargetBytes)
                throw new BadHttpRequestException($"The request's target (path and query) is longer than {MaxTargetBytes / 1024} KiB.", StatusCodes.Status414UriTooLong);
            var headers = 0;
            foreach (var (name, values) in http.Request.Headers)
                foreach (var value in values)
                    headers += name.Length + (value?.Length ?? 0) + 4;
            if (headers > MaxHeaderBytes)
                throw new BadHttpRequestException($"The request's headers are larger than {MaxHeaderBytes / 1024} KiB.", StatusCodes.Status431RequestHeaderFieldsTooLarge);
            return next(http);
        });
}

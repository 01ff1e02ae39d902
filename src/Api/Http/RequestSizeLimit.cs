using Microsoft.AspNetCore.Http.Features;

namespace Ledger.Api.Http;

/// <summary>Refuses request bodies over a limit with 413 (as problem details, through the exception handler).</summary>
public static class RequestSizeLimit
{
    public const long DefaultMaxBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use((http, next) =>
        {
            if (http.Request.ContentLength > maxBytes)
                throw new BadHttpRequestException($"The request body is larger than {maxBytes / 1024} KiB.", StatusCodes.Status413PayloadTooLarge);
            // A body without a declared length is cut off by the server as it streams in (Kestrel throws a 413 BadHttpRequestException).
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = maxBytes;
            return next(http);
        });
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ledger.Api.Http;

/// <summary>
/// Refuses request bodies over a limit with 413 (as problem details, through the exception handler): the host's, or the
/// endpoint's own where it declares one (<see cref="IRequestSizeLimitMetadata"/>, e.g. the import of a paper register).
/// </summary>
public static class RequestSizeLimit
{
    public const long DefaultMaxBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use((http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? maxBytes;
            if (http.Request.ContentLength > limit)
                throw new BadHttpRequestException($"The request body is larger than {limit / 1024} KiB.", StatusCodes.Status413PayloadTooLarge);
            // A body without a declared length is cut off by the server as it streams in (Kestrel throws a 413 BadHttpRequestException).
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
            return next(http);
        });
}

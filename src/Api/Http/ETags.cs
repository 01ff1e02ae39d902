using System.Globalization;

namespace Ledger.Api.Http;

/// <summary>
/// A stream's version as a strong ETag (<c>"7"</c>), and <c>If-Match</c> read back as the version a
/// write expects. A malformed If-Match is the caller's mistake (400), never a silent unconditional write.
/// </summary>
public static class ETags
{
    static readonly object Key = new();

    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Sets the response's ETag to the stream's version.</summary>
    public static void SetStreamVersion(this HttpResponse response, long version)
    {
        response.Headers.ETag = Format(version);
        response.HttpContext.Items[Key] = version;
    }

    /// <summary>
    /// Puts the stream version back as the ETag just before the answer starts: the exception handler
    /// strips ETags from error answers, but a 409 or 412 should still tell the current version.
    /// </summary>
    public static IApplicationBuilder UseStreamVersionETags(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(RestoreETag, http);
            return next(http);
        });

    static Task RestoreETag(object state)
    {
        var http = (HttpContext)state;
        if (http.Items.TryGetValue(Key, out var version) && version is long v && !http.Response.Headers.ContainsKey("ETag"))
            http.Response.Headers.ETag = Format(v);
        return Task.CompletedTask;
    }

    /// <summary>True when the request carries an <c>If-Match</c> header.</summary>
    public static bool HasIfMatch(this HttpRequest request) => request.Headers.IfMatch.Count > 0;

    /// <summary>
    /// The version <c>If-Match</c> asks for; null when absent or <c>*</c> (any current version).
    /// Throws <see cref="BadHttpRequestException"/> (400) when it is not one strong ETag holding a version.
    /// </summary>
    public static long? IfMatchVersion(this HttpRequest request)
    {
        if (!request.HasIfMatch()) return null;
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value == "*") return null;
        if (value.Length >= 3 && value[0] == '"' && value[^1] == '"'
            && long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return version;
        throw new BadHttpRequestException(
            $"If-Match must be one strong ETag holding a stream version, like \"7\", as returned in a previous ETag; got {Describe(value)}.");
    }

    static string Describe(string value) => value.Length > 40 ? value[..40] + "..." : value;
}

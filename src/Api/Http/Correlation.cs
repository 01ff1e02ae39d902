using System.Text.RegularExpressions;

namespace Ledger.Api.Http;

/// <summary>
/// <c>X-Correlation-Id</c>: taken from the request when it is a sensible token, generated otherwise,
/// echoed in the response, put in a logging scope, and handed to commands as their correlation id.
/// </summary>
public static partial class Correlation
{
    public const string Header = "X-Correlation-Id";

    static readonly object Key = new();

    /// <summary>The request's correlation id (set by <see cref="UseCorrelation"/>).</summary>
    public static string CorrelationId(this HttpContext http) =>
        http.Items.TryGetValue(Key, out var id) && id is string s ? s : http.TraceIdentifier;

    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.Api.Requests");
        return app.Use(async (http, next) =>
        {
            var offered = http.Request.Headers[Header].ToString();
            var id = Acceptable().IsMatch(offered) ? offered : Guid.NewGuid().ToString("N");
            http.Items[Key] = id;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
                await next(http);
        });
    }

    // A caller's id is echoed into headers and logs: keep it short and plain.
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex Acceptable();
}

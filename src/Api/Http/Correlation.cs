using System.Text.RegularExpressions;

namespace Ledger.Api.Http;

/// <summary>
/// <c>X-Correlation-Id</c>: taken from the request when it is a sensible token, generated otherwise,
/// echoed in the response, put in a logging scope with the request's path, and handed to commands as their correlation id.
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
            http.Response.OnStarting(EchoId, http);
            using (logger.BeginScope(new Scope(id, http.Request.Path.Value ?? "")))
                await next(http);
        });
    }

    // Set as the answer starts, since the exception handler clears the headers of an answer it replaces.
    static Task EchoId(object state)
    {
        var http = (HttpContext)state;
        http.Response.Headers[Header] = http.CorrelationId();
        return Task.CompletedTask;
    }

    /// <summary>The logging scope, read by the console formatters: the correlation id and the request's path.</summary>
    sealed class Scope(string id, string path) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public KeyValuePair<string, object> this[int index] => index switch
        {
            0 => new("CorrelationId", id),
            1 => new("RequestPath", path),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public int Count => 2;

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"CorrelationId:{id} RequestPath:{path}";
    }

    // A caller's id is echoed into headers and logs: keep it short and plain.
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex Acceptable();
}

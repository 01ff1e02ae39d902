using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Ledger.Api.Auth;
using Ledger.Api.Hosting;
using Ledger.Api.Http;
using Ledger.Testing;

namespace Ledger.Api.Tests.Problems;

/// <summary>
/// Every error status over a real Kestrel socket (the in-memory test server enforces none of Kestrel's limits and
/// cannot carry some targets), raw bytes in and out: the API as a process in production mode. Each answer is problem
/// details, but those Kestrel gives itself while parsing, before any of the app runs, which have an empty body.
/// </summary>
public sealed class AnsweringOverASocket : IAsyncLifetime
{
    readonly string schema = TestDatabase.SchemaFor(typeof(AnsweringOverASocket));
    readonly string checkpointKey = Path.Combine(Path.GetTempPath(), $"{TestDatabase.SchemaFor(typeof(AnsweringOverASocket))}.pem");
    ApiProcess api = null!;
    string analyst = "";
    string registrar = "";

    public async Task InitializeAsync()
    {
        await TestDatabase.DropSchemaAsync(schema);
        api = new ApiProcess(Path.Combine(AppContext.BaseDirectory, "Ledger.Api.dll"), FreePort(), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["LEDGER_DB"] = TestDatabase.ConnectionString,
            ["Ledger__Schema"] = schema,
            ["Ledger__Auth__SigningKey"] = LedgerApiFactory.SigningKey,
            [LedgerSecrets.NikHashSecret.Replace(":", "__")] = LedgerApiFactory.NikHashSecret,
            [LedgerSecrets.CheckpointKeyFile.Replace(":", "__")] = checkpointKey,
        });
        using var minute = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await api.StartAsync(minute.Token);
        var tokens = new LedgerTokens(new LedgerAuthOptions { SigningKey = LedgerApiFactory.SigningKey }, TimeProvider.System);
        analyst = tokens.Mint("socket-analyst", LedgerRoles.Analyst, TimeSpan.FromHours(1));
        registrar = tokens.Mint("socket-registrar", LedgerRoles.Registrar, TimeSpan.FromHours(1));
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await TestDatabase.DropSchemaAsync(schema);
        File.Delete(checkpointKey);
    }

    /// <summary>A raw request, its expected status and whether the app (problem details) or Kestrel (empty body) answers it.</summary>
    public sealed record Case(string Name, Func<AnsweringOverASocket, string> Request, int Status, bool Shaped);

    static string Get(string target, params string[] headers) =>
        $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";

    static string Post(string target, string contentType, string body, params string[] headers) =>
        $"POST {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" +
        $"{string.Concat(headers.Select(h => h + "\r\n"))}\r\n{body}";

    static readonly Case[] Cases =
    [
        new("a bad escape in the path", _ => Get("/api/verify/%ZZ%"), 400, Shaped: true),
        new("an escaped slash and dots in the path", _ => Get("/api/verify/..%2F..%2Fetc%2Fpasswd"), 400, Shaped: true),
        new("a NUL escaped in a query string", t => Get("/api/analytics/regencies?scheme=%00", $"Authorization: Bearer {t.analyst}"), 400, Shaped: true),
        new("invalid UTF-8 escaped in a query string", t => Get("/api/analytics/regencies?scheme=%C3%28", $"Authorization: Bearer {t.analyst}"), 200, Shaped: false),
        new("a NUL escaped in the path (Kestrel refuses the target)", _ => Get("/api/verify/%00"), 400, Shaped: false),
        new("an unknown route", _ => Get("/api/nothing-here"), 404, Shaped: true),
        new("a wrong method", t => $"DELETE /api/registry/artisans HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer {t.registrar}\r\n\r\n", 405, Shaped: true),
        new("no token", _ => Get("/api/analytics/regencies"), 401, Shaped: true),
        new("a body that is not JSON by its type", t => Post("/api/registry/artisans", "text/plain", "name=x", $"Authorization: Bearer {t.registrar}"), 415, Shaped: true),
        new("a body over the limit, declared", t => Post("/api/registry/artisans", "application/json", "\"" + new string('a', 70 * 1024) + "\"", $"Authorization: Bearer {t.registrar}"), 413, Shaped: true),
        new("a body over the limit, chunked", t => Chunked("/api/registry/artisans", "\"" + new string('a', 70 * 1024) + "\"", $"Authorization: Bearer {t.registrar}"), 413, Shaped: true),
        new("a target over the ledger's limit", _ => Get("/api/verify/" + new string('9', RequestLimits.MaxTargetBytes + 100)), 414, Shaped: true),
        new("a target over Kestrel's limit", _ => Get("/api/verify/" + new string('9', 2 * RequestLimits.MaxTargetBytes + 100)), 414, Shaped: false),
        new("headers over the ledger's limit", _ => Get("/health/live", "X-Filler: " + new string('h', RequestLimits.MaxHeaderBytes + 100)), 431, Shaped: true),
        new("headers over Kestrel's limit", _ => Get("/health/live", "X-Filler: " + new string('h', 2 * RequestLimits.MaxHeaderBytes + 100)), 431, Shaped: false),
        new("a malformed request line", _ => "GARBAGE\r\n\r\n", 400, Shaped: false),
        new("a NUL in a header", _ => Get("/health/live", "X-Filler: a\0b"), 400, Shaped: false),
    ];

    static string Chunked(string target, string body, params string[] headers) =>
        $"POST {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n" +
        $"{string.Concat(headers.Select(h => h + "\r\n"))}\r\n{body.Length:x}\r\n{body}\r\n0\r\n\r\n";

    [Fact]
    public async Task every_error_status_is_problem_details_but_those_kestrel_answers_while_parsing()
    {
        var failures = new List<string>();
        foreach (var c in Cases)
        {
            var (status, contentType, body) = await SendAsync(c.Request(this));
            if (status != c.Status) failures.Add($"{c.Name}: {status}, expected {c.Status}: {Short(body)}");
            else if (c.Shaped && status >= 400 && !IsProblem(status, contentType, body)) failures.Add($"{c.Name}: {status} is not problem details ({contentType}): {Short(body)}");
            else if (!c.Shaped && status >= 400 && body.Length > 0) failures.Add($"{c.Name}: Kestrel's {status} now has a body ({contentType}): shape it and move the case up");
        }
        failures.ShouldBeEmpty();
    }

    static bool IsProblem(int status, string? contentType, string body)
    {
        if (contentType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true) return false;
        var problem = JsonDocument.Parse(body).RootElement;
        return problem.GetProperty("status").GetInt32() == status && problem.GetProperty("title").GetString() is { Length: > 0 }
            && problem.TryGetProperty("correlationId", out _);
    }

    static string Short(string text) => text.Length > 200 ? text[..200] + "..." : text;

    /// <summary>Writes the raw request and reads the answer to the end (every request asks to close the connection).</summary>
    async Task<(int Status, string? ContentType, string Body)> SendAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, api.BaseAddress.Port);
        await using var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        }
        catch (IOException)
        {
            // Kestrel may answer and close before it has read all of an oversized request.
        }
        using var answer = new MemoryStream();
        try { await stream.CopyToAsync(answer); }
        catch (IOException) { }
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split >= 0 ? text[..split] : text;
        var body = split >= 0 ? text[(split + 4)..] : "";
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, out var s) ? s : 0;
        var contentType = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();
        if (lines.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))) body = Unchunk(body);
        return (status, contentType, body);
    }

    static string Unchunk(string chunked)
    {
        var text = new StringBuilder();
        var rest = chunked;
        while (rest.IndexOf("\r\n", StringComparison.Ordinal) is var end and > 0 && int.TryParse(rest[..end], System.Globalization.NumberStyles.HexNumber, null, out var size) && size > 0)
        {
            text.Append(rest.AsSpan(end + 2, size));
            rest = rest[(end + 2 + size + 2)..];
        }
        return text.ToString();
    }

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

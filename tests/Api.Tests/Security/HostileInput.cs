using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ledger.Api.Auth;
using Ledger.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// At least 10,000 malformed, oversized, wrongly typed, wrongly encoded and boundary-valued requests across
/// every endpoint: no 5xx, no change to the store, and every refusal a problem-details document.
/// </summary>
public sealed class HostileInput(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    // A NUL (%00) in the path is refused by Kestrel itself before the app sees it; the in-memory test server cannot carry it.
    static readonly string[] RouteValues =
    [
        "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "'; drop table events; --", "1 or 1=1", "%ff%fe",
        new string('9', 300), "-1", "0", "9223372036854775808", "00000000-0000-0000-0000-00000000000g", "%F0%9F%98%80",
        "LSPBATIK-2026-000001-%C3%A9", "Siti%E2%80%AEhayuR", "null", "undefined", "%20", "a%2Fb",
    ];

    static readonly string[] Bodies =
    [
        "{", "}", "[]", "null", "\"text\"", "42", "true", "{\"a\":", "{\"name\": 12}", "{\"at\": \"yesterday\"}",
        "{\"quota\": \"ten\"}", "{\"yearlyQuota\": -99999999999999999999}", "{\"units\": {}}", "{\"schemes\": \"x\"}",
        "{\"artisanId\": \"not-a-guid\"}", "{\"validUntil\": \"2026-13-45\"}", "{\"gender\": \"Other\"}", "{\"birthYear\": 1e309}",
        "{\"name\": null, \"nik\": [1,2,3]}", "{\"__proto__\": {\"admin\": true}}", "{\"a\":1,\"a\":2,", "\u0000\u0001\u0002",
        "<xml>not json</xml>", "{\"reason\": " + new string('[', 5000) + "}",
    ];

    [Fact]
    public async Task ten_thousand_hostile_requests_get_no_5xx_change_nothing_and_are_answered_with_problems()
    {
        var endpoints = Discover();
        var random = new Random(20261121);
        var headBefore = await HeadAsync();
        var failures = new List<string>();
        var sent = 0;

        while (sent < 10_000)
        {
            foreach (var (method, pattern) in endpoints)
            {
                var request = Hostile(method, pattern, random);
                var role = LedgerRoles.All[random.Next(LedgerRoles.All.Count)];
                var client = api.ClientFor(role);
                HttpResponseMessage response;
                try { response = await client.SendAsync(request); }
                catch (Exception e) { failures.Add($"{method} {Short(request)}: threw {e.GetType().Name}"); continue; }
                sent++;

                var status = (int)response.StatusCode;
                if (status >= 500 && !FailsOnPurpose(pattern)) failures.Add($"{method} {Short(request)}: {status}");
                if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{method} {Short(request)}: {status} without problem details");
                if (method != "GET" && status is >= 200 and < 300 && !pattern.Contains("/test-") && !AnswersAnyInput(pattern))
                    failures.Add($"{method} {Short(request)}: accepted ({status})");
                if (failures.Count > 20) break;
            }
            if (failures.Count > 20) break;
        }

        failures.ShouldBeEmpty();
        sent.ShouldBeGreaterThanOrEqualTo(10_000);
        (await HeadAsync()).ShouldBe(headBefore, "hostile requests recorded events");
    }

    /// <summary>
    /// Writing a checkpoint takes no input at all, and checking a credential answers a verdict (junk is <c>invalid</c>,
    /// with the reason) and records nothing: answering them is right whatever the junk around it.
    /// </summary>
    static bool AnswersAnyInput(string pattern) => pattern is "/api/audit/checkpoints" or "/api/credentials/verify";

    static string Short(HttpRequestMessage request) => request.RequestUri!.ToString() is var u && u.Length > 160 ? u[..160] + "..." : request.RequestUri!.ToString();

    static bool FailsOnPurpose(string pattern) => pattern.EndsWith("/test-notes/boom", StringComparison.Ordinal) || pattern.EndsWith("/database-down", StringComparison.Ordinal);

    /// <summary>Events other than the test-only notes, whose endpoints exist to accept anything.</summary>
    async Task<long> HeadAsync() =>
        await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events where type not like 'test\\_note%'");

    List<(string Method, string Pattern)> Discover() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)))
            .ToList();

    static HttpRequestMessage Hostile(string method, string pattern, Random random)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", _ => RouteValues[random.Next(RouteValues.Length)]);
        var query = random.Next(4) switch
        {
            0 => "",
            1 => "?year=abc&page=-1&pageSize=100000",
            2 => "?from=not-a-date&to=2026-99-99&after=-5&limit=999999999",
            _ => $"?asOf={Uri.EscapeDataString("' or 1=1 --")}&version=-3&province={new string('x', 2000)}",
        };
        var request = new HttpRequestMessage(new HttpMethod(method), path + query);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = random.Next(6) switch
            {
                0 => new ByteArrayContent([0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                1 => new StringContent(new string('a', 70_000), Encoding.UTF8, "application/json"),
                2 => new StringContent("name=x&nik=1", Encoding.UTF8, "application/x-www-form-urlencoded"),
                _ => new StringContent(Bodies[random.Next(Bodies.Length)], Encoding.UTF8, "application/json"),
            };
        }
        switch (random.Next(5))
        {
            case 0: request.Headers.TryAddWithoutValidation("If-Match", random.Next(2) == 0 ? "W/\"1\"" : "\"not-a-version\""); break;
            case 1: request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 500)); break;
            case 2: request.Headers.TryAddWithoutValidation("X-Correlation-Id", "\r\nSet-Cookie: x=1"); break;
            case 3: request.Headers.TryAddWithoutValidation("Accept", "text/csv;q=abc, */*;q=-1"); break;
        }
        return request;
    }
}

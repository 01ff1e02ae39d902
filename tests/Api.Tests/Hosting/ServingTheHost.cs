using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace Ledger.Api.Tests.Hosting;

public sealed partial class ServingTheHost(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    [Fact]
    public async Task the_openapi_document_lists_the_groups_the_bearer_scheme_and_the_endpoints()
    {
        var response = await api.CreateClient().GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var tags = document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        foreach (var tag in new[] { "Registry", "Verification", "Audit", "Analytics", "Health" }) tags.ShouldContain(tag);
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/audit/events", out _).ShouldBeTrue();
        var events = paths.GetProperty("/api/audit/streams/{id}").GetProperty("get");
        events.GetProperty("tags")[0].GetString().ShouldBe("Audit");
        events.GetProperty("security").GetArrayLength().ShouldBe(1);
        var write = paths.GetProperty("/api/registry/test-notes").GetProperty("post");
        write.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldContain("Idempotency-Key");
    }

    [Fact]
    public async Task the_api_reference_at_docs_is_served_by_the_host_over_the_openapi_document()
    {
        var client = api.CreateClient();

        var response = await client.GetAsync("/docs");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/docs/");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("<title>Batik certification ledger</title>");
        page.ShouldContain("openapi/v1.json");
        page.ShouldNotContain("//");
    }

    [Fact]
    public async Task every_script_the_api_reference_loads_comes_from_the_host()
    {
        var client = api.CreateClient();
        var page = await client.GetStringAsync("/docs/");

        var scripts = ScriptSource().Matches(page).Select(m => m.Groups["src"].Value).ToList();

        scripts.ShouldNotBeEmpty();
        foreach (var script in scripts)
        {
            Uri.IsWellFormedUriString(script, UriKind.Relative).ShouldBeTrue(script);
            var asset = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/docs/"), script));
            asset.StatusCode.ShouldBe(HttpStatusCode.OK, script);
            asset.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        }
    }

    [Fact]
    public async Task openapi_without_a_document_name_leads_to_the_api_reference()
    {
        var client = api.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/openapi");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/docs/");
    }

    [Fact]
    public async Task a_correlation_id_is_echoed_or_made_up()
    {
        var client = api.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Correlation-Id", "abc-123");

        (await client.SendAsync(request)).Headers.GetValues("X-Correlation-Id").Single().ShouldBe("abc-123");
        (await client.GetAsync("/health/live")).Headers.GetValues("X-Correlation-Id").Single().Length.ShouldBe(32);

        var unsafeId = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        unsafeId.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>");
        (await client.SendAsync(unsafeId)).Headers.GetValues("X-Correlation-Id").Single().ShouldNotBe("<script>");
    }

    [Fact]
    public async Task readiness_reports_the_database_the_schema_against_martens_and_each_read_models_progress()
    {
        var response = await api.CreateClient().GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().ShouldBe("ready");
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("ok");
        var schema = body.GetProperty("checks").GetProperty("schema");
        schema.GetProperty("data").GetProperty("difference").GetString().ShouldBe("None");
        var daemon = body.GetProperty("checks").GetProperty("daemon").GetProperty("data");
        daemon.GetProperty("highWaterMark").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        foreach (var readModel in Ledger.Projections.LedgerReadModels.Names)
            daemon.GetProperty(readModel).GetProperty("state").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task the_public_lookup_is_rate_limited_per_client_with_a_429_problem()
    {
        await using var limited = api.WithWebHostBuilder(b => b
            .UseSetting("Ledger:RateLimit:Verification:PermitLimit", "3")
            .UseSetting("Ledger:RateLimit:Verification:Window", "00:10:00"));
        var client = limited.CreateClient();

        for (var i = 0; i < 3; i++)
            (await client.GetAsync($"/api/verify/test-echo/BTK-{i}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await client.GetAsync("/api/verify/test-echo/BTK-4");

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        // Other groups are not limited by it.
        (await limited.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}

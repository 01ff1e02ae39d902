using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;

namespace Ledger.Api.Tests.Hosting;

public sealed partial class ServingTheHost(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    IAlbaHost Host => api.Host;

    [Fact]
    public async Task the_openapi_document_lists_the_groups_the_bearer_scheme_and_the_endpoints()
    {
        var document = await Host.GetAsJson<JsonElement>("/openapi/v1.json");

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
        var redirect = await Host.Scenario(x =>
        {
            x.Get.Url("/docs");
            x.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        new Uri(new Uri("http://localhost/docs"), redirect.Header("Location")).AbsolutePath.ShouldBe("/docs/");

        await Host.Scenario(x =>
        {
            x.Get.Url("/docs/");
            x.MediaTypeShouldBe("text/html");
            x.ContentShouldContain("<title>Batik certification ledger</title>");
            x.ContentShouldContain("openapi/v1.json");
            x.ContentShouldNotContain("//");
        });
    }

    [Fact]
    public async Task every_script_the_api_reference_loads_comes_from_the_host()
    {
        var page = await Host.GetAsText("/docs/");

        var scripts = ScriptSource().Matches(page).Select(m => m.Groups["src"].Value).ToList();

        scripts.ShouldNotBeEmpty();
        foreach (var script in scripts)
        {
            Uri.IsWellFormedUriString(script, UriKind.Relative).ShouldBeTrue(script);
            await Host.Scenario(x =>
            {
                x.Get.Url(new Uri(new Uri("http://localhost/docs/"), script).PathAndQuery);
                x.MediaTypeShouldBe("text/javascript");
            });
        }
    }

    [Fact]
    public async Task openapi_without_a_document_name_leads_to_the_api_reference()
    {
        await Host.Scenario(x =>
        {
            x.Get.Url("/openapi");
            x.RedirectShouldBe("/docs/");
        });
    }

    [Fact]
    public async Task a_correlation_id_is_echoed_or_made_up()
    {
        await Host.Scenario(x =>
        {
            x.Get.Url("/health/live");
            x.WithRequestHeader("X-Correlation-Id", "abc-123");
            x.Header("X-Correlation-Id").SingleValueShouldEqual("abc-123");
        });
        await Host.Scenario(x =>
        {
            x.Get.Url("/health/live");
            x.Header("X-Correlation-Id").SingleValueShouldMatch("^[0-9a-f]{32}$");
        });

        var unsafeId = await Host.Scenario(x =>
        {
            x.Get.Url("/health/live");
            x.WithRequestHeader("X-Correlation-Id", "<script>");
            x.Header("X-Correlation-Id").ShouldHaveOneNonNullValue();
        });
        unsafeId.Header("X-Correlation-Id").ShouldNotBe("<script>");
    }

    [Fact]
    public async Task readiness_reports_the_database_the_schema_against_martens_and_each_read_models_progress()
    {
        var body = await Host.GetAsJson<JsonElement>("/health/ready");

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
        await using var limited = await api.StartHostAsync(
            ("Ledger:RateLimit:Verification:PermitLimit", "3"),
            ("Ledger:RateLimit:Verification:Window", "00:10:00"));

        for (var i = 0; i < 3; i++)
            await limited.Scenario(x => x.Get.Url($"/api/verify/test-echo/BTK-{i}"));
        await limited.Scenario(x =>
        {
            x.Get.Url("/api/verify/test-echo/BTK-4");
            x.ProblemShouldBe(HttpStatusCode.TooManyRequests);
            x.Header("Retry-After").ShouldHaveOneNonNullValue();
        });
        // Other groups are not limited by it.
        await limited.Scenario(x => x.Get.Url("/health/live"));
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}

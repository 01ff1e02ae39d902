using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Registry;

public sealed class MalformedInput(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    IAlbaHost Host => api.Host;

    public static TheoryData<string, string, string?> Requests() => new()
    {
        { "registrar", "/api/registry/artisans", "" },
        { "registrar", "/api/registry/artisans", "{not json" },
        { "registrar", "/api/registry/artisans", "[]" },
        { "registrar", "/api/registry/artisans", "{}" },
        { "registrar", "/api/registry/artisans", """{"name": "Siti", "nik": "12345", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "X"}""" },
        { "registrar", "/api/registry/artisans", """{"name": "Siti", "nik": "3604014507850002", "gender": "Unknown", "birthYear": 1985, "regencyCode": "36.04", "businessName": "X"}""" },
        { "registrar", "/api/registry/artisans", """{"name": "Siti", "nik": "3604014507850002", "gender": "Female", "birthYear": "old", "regencyCode": "36.04", "businessName": "X"}""" },
        { "registrar", "/api/registry/artisans", """{"name": "Siti", "nik": "3604014507850002", "gender": "Female", "birthYear": 1985, "regencyCode": "Serang", "businessName": "X"}""" },
        { "agency", "/api/registry/mous", """{"regencyCode": "36.04", "centreName": "B", "regencyHead": "R", "centreHead": "C", "signedOn": "yesterday", "validUntil": "2030-01-01"}""" },
        { "agency", "/api/registry/mous", """{"regencyCode": "36.04", "centreName": "B", "regencyHead": "R", "centreHead": "C", "signedOn": "2026-01-01", "validUntil": "2025-01-01"}""" },
        { "agency", "/api/registry/pks", """{"mouId": "not-a-guid"}""" },
        { "agency", "/api/registry/pks", """{"mouId": "0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b", "schemes": [], "yearlyQuota": -1}""" },
        { "registrar", "/api/registry/batches", """{"capacity": 0}""" },
        { "registrar", "/api/registry/certifications", """{"artisanId": null, "schemeCode": ""}""" },
        { "registrar", "/api/registry/certifications/0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b/assessments", """{"assessor": "A", "assessmentSite": "T", "assessedOn": "2026-01-01", "units": [{"unitCode": "U"}]}""" },
        { "registrar", "/api/registry/certifications/0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b/decision", """{"decision": "Maybe", "panel": ["X"]}""" },
        { "registrar", "/api/registry/certifications/0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b/certificate", """{"blankoNumber": "B", "issuingLsp": "lsp batik!"}""" },
        { "registrar", "/api/registry/certifications/0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b/revocation", """{"reason": "  "}""" },
        { "agency", "/api/registry/artisans/0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b/erasure", """{}""" },
    };

    async Task<long> EventCountAsync()
    {
        var page = await Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Auditor));
            x.Get.Url("/api/audit/events?limit=1000");
        });
        return (await page.ReadAsJsonAsync<JsonElement>()).GetProperty("events").GetArrayLength();
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task malformed_bodies_are_a_400_problem_and_record_nothing(string role, string path, string? body)
    {
        var before = await EventCountAsync();

        await Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(role));
            x.Post.RawJson(body ?? "").ToUrl(path);
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task validation_problems_name_the_fields()
    {
        var answer = await Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Registrar));
            x.Post.Json(new { name = "Siti", nik = "12" }).ToUrl("/api/registry/artisans");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        var problem = await answer.ReadAsJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldContain("nik");
        fields.ShouldContain("regencyCode");
        fields.ShouldContain("businessName");
        fields.ShouldNotContain("name");
    }

    [Fact]
    public async Task a_malformed_if_match_is_a_400_and_a_route_id_that_is_no_guid_is_a_404()
    {
        await Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Registrar));
            x.Post.Url($"/api/registry/certifications/{Guid.NewGuid()}/expiry");
            x.WithRequestHeader("If-Match", "W/\"abc\"");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        await Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Registrar));
            x.Post.Url("/api/registry/certifications/42/expiry");
            x.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task a_command_on_an_unknown_certification_is_a_problem_not_a_500()
    {
        var answer = await Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Registrar));
            x.Post.Json(new { reason = "x" }).ToUrl($"/api/registry/certifications/{Guid.NewGuid()}/freeze");
            x.IgnoreStatusCode();
            x.MediaTypeShouldBe("application/problem+json");
        });

        ((int)answer.Status()).ShouldBeInRange(400, 499);
    }
}

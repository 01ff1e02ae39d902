using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Api.Auth;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Registry;

public sealed class MalformedInput(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
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
        var page = JsonDocument.Parse(await api.ClientFor(LedgerRoles.Auditor).GetStringAsync("/api/audit/events?limit=1000")).RootElement;
        return page.GetProperty("events").GetArrayLength();
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task malformed_bodies_are_a_400_problem_and_record_nothing(string role, string path, string? body)
    {
        var before = await EventCountAsync();

        var response = await api.ClientFor(role).PostAsync(path, new StringContent(body ?? "", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task validation_problems_name_the_fields()
    {
        var response = await api.ClientFor(LedgerRoles.Registrar).PostAsync("/api/registry/artisans", Json("""{"name": "Siti", "nik": "12"}"""));
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldContain("nik");
        fields.ShouldContain("regencyCode");
        fields.ShouldContain("businessName");
        fields.ShouldNotContain("name");
    }

    [Fact]
    public async Task a_malformed_if_match_is_a_400_and_a_route_id_that_is_no_guid_is_a_404()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/registry/certifications/{Guid.NewGuid()}/expiry");
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"abc\"");
        await (await api.ClientFor(LedgerRoles.Registrar).SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var notGuid = await api.ClientFor(LedgerRoles.Registrar).PostAsync("/api/registry/certifications/42/expiry", null);
        notGuid.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_command_on_an_unknown_certification_is_a_problem_not_a_500()
    {
        var response = await api.ClientFor(LedgerRoles.Registrar).PostAsync($"/api/registry/certifications/{Guid.NewGuid()}/freeze", Json("""{"reason": "x"}"""));
        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}

using System.Net;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Registry;

/// <summary>Every endpoint of the registry, audit and integrity groups against every role, and no token.</summary>
public sealed class RoleMatrix(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    const string Registrar = LedgerRoles.Registrar, Agency = LedgerRoles.Agency, Auditor = LedgerRoles.Auditor;
    static readonly string Id = "0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b";

    public static TheoryData<string, string, string> Endpoints()
    {
        var data = new TheoryData<string, string, string>();
        void Add(string method, string path, params string[] roles) => data.Add(method, path, string.Join(',', roles));
        Add("POST", "/api/registry/artisans", Registrar, Agency);
        Add("GET", $"/api/registry/artisans/{Id}", Registrar, Agency);
        Add("POST", $"/api/registry/artisans/{Id}/details-corrections", Registrar, Agency);
        Add("POST", $"/api/registry/artisans/{Id}/equipment-aid", Agency);
        Add("POST", $"/api/registry/artisans/{Id}/monev-visits", Agency);
        Add("POST", $"/api/registry/artisans/{Id}/trainer-qualifications", Registrar);
        Add("POST", $"/api/registry/artisans/{Id}/erasure", Agency);
        foreach (var path in new[] { "/api/registry/mous", $"/api/registry/mous/{Id}/termination", $"/api/registry/mous/{Id}/expiry",
                     "/api/registry/pks", $"/api/registry/pks/{Id}/amendments", $"/api/registry/pks/{Id}/termination", $"/api/registry/pks/{Id}/expiry" })
            Add("POST", path, Agency);
        Add("GET", $"/api/registry/mous/{Id}", Agency);
        Add("GET", $"/api/registry/pks/{Id}", Agency);
        Add("POST", "/api/registry/batches", Registrar);
        Add("GET", $"/api/registry/batches/{Id}", Registrar);
        Add("POST", $"/api/registry/batches/{Id}/completion", Registrar);
        Add("POST", "/api/registry/certifications", Registrar);
        Add("GET", $"/api/registry/certifications/{Id}", Registrar);
        foreach (var step in new[] { "application/acceptance", "application/return", "assessments", "appeals", "appeal-decision", "decision",
                     "certificate", "freeze", "reinstatement", "revocation", "expiry", "renewal" })
            Add("POST", $"/api/registry/certifications/{Id}/{step}", Registrar);
        Add("GET", $"/api/audit/certifications/{Id}", Auditor);
        Add("GET", "/api/audit/certificates/LSPBATIK-2026-000001-X", Auditor);
        Add("GET", $"/api/audit/certifications/{Id}/proof", Auditor);
        Add("GET", "/api/audit/certificates/LSPBATIK-2026-000001-X/proof", Auditor);
        Add("GET", "/api/audit/integrity", Auditor);
        Add("GET", "/api/audit/checkpoints", Auditor);
        Add("POST", "/api/audit/checkpoints", Auditor);
        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task each_endpoint_refuses_no_token_and_every_wrong_role_and_lets_the_right_roles_through(string method, string path, string allowed)
    {
        var roles = allowed.Split(',');
        Task<IScenarioResult> Send(string? role) => api.Host.Scenario(x =>
        {
            if (role is not null) x.WithBearerToken(api.Token(role));
            if (method == "POST") x.Post.Json(new { }).ToUrl(path);
            else x.Get.Url(path);
            x.IgnoreStatusCode();
        });

        (await Send(null)).Status().ShouldBe(HttpStatusCode.Unauthorized);

        foreach (var role in LedgerRoles.All)
        {
            var status = (await Send(role)).Status();
            if (roles.Contains(role))
            {
                // Through: answered by the endpoint (2xx, or a problem about the empty body or the unknown id), never refused or a 500.
                status.ShouldNotBe(HttpStatusCode.Unauthorized, $"{role} {method} {path}");
                status.ShouldNotBe(HttpStatusCode.Forbidden, $"{role} {method} {path}");
                ((int)status).ShouldBeLessThan(500, $"{role} {method} {path}");
            }
            else
                status.ShouldBe(HttpStatusCode.Forbidden, $"{role} {method} {path}");
        }
    }

    [Fact]
    public async Task the_public_key_needs_no_token()
    {
        await api.Host.Scenario(x => x.Get.Url("/api/integrity/public-key"));
    }
}

using System.Net;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Auth;

public sealed class CheckingRoles(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    public static TheoryData<string, string, string?, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, string?, HttpStatusCode>();
        (string Method, string Path, string[] Allowed)[] endpoints =
        [
            ("POST", "/api/registry/test-notes", [LedgerRoles.Registrar, LedgerRoles.Agency]),
            ("POST", "/api/registry/test-notes/agency-only", [LedgerRoles.Agency]),
            ("GET", "/api/audit/events", [LedgerRoles.Auditor]),
            ("GET", $"/api/audit/streams/{Guid.Empty}", [LedgerRoles.Auditor]),
            ("GET", "/api/analytics/test-ping", [LedgerRoles.Analyst]),
            ("GET", "/api/verify/test-echo/BTK-1", [null!, .. LedgerRoles.All]),
        ];
        foreach (var (method, path, allowed) in endpoints)
        {
            data.Add(method, path, null, allowed.Contains(null) ? HttpStatusCode.OK : HttpStatusCode.Unauthorized);
            foreach (var role in LedgerRoles.All)
                data.Add(method, path, role, allowed.Contains(role) ? Success(method, path) : HttpStatusCode.Forbidden);
        }
        return data;
    }

    static HttpStatusCode Success(string method, string path) => path switch
    {
        "/api/registry/test-notes" => HttpStatusCode.Created,
        "/api/registry/test-notes/agency-only" => HttpStatusCode.NoContent,
        _ when path.StartsWith("/api/audit/streams") => HttpStatusCode.NotFound, // allowed in, and nothing is there
        _ => HttpStatusCode.OK,
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task each_endpoint_admits_its_roles_only(string method, string path, string? role, HttpStatusCode expected)
    {
        await api.Host.Scenario(x =>
        {
            if (role is not null) x.WithBearerToken(api.Token(role));
            if (method == "POST") x.Post.Json(new WriteNote("a note", 1)).ToUrl(path);
            else x.Get.Url(path);

            if ((int)expected >= 400) x.ProblemShouldBe(expected);
            else x.StatusCodeShouldBe(expected);
            if (expected == HttpStatusCode.Unauthorized) x.Header("WWW-Authenticate").SingleValueShouldEqual("Bearer");
        });
    }
}

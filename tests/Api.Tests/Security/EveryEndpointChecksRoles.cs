using System.Text;
using Alba;
using Ledger.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Walks every endpoint the host maps under <c>/api</c> and checks its roles from the outside: no token is a
/// 401 (unless the endpoint is public), every role its policy does not name is a 403, and the roles it
/// names get in (whatever the answer, never a 401, 403 or 5xx).
/// </summary>
public sealed class EveryEndpointChecksRoles(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    public sealed record ApiEndpoint(string Method, string Path, bool Anonymous, IReadOnlySet<string> Roles);

    [Fact]
    public async Task every_endpoint_refuses_missing_tokens_and_wrong_roles_and_admits_its_own()
    {
        var endpoints = await DiscoverAsync();
        endpoints.Count.ShouldBeGreaterThan(3);
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var anonymous = await SendAsync(endpoint, null);
            if (endpoint.Anonymous) Expect(endpoint, "no token", anonymous, ok: s => s is not (401 or 403) && s < 500);
            else Expect(endpoint, "no token", anonymous, ok: s => s == 401);

            foreach (var role in LedgerRoles.All)
            {
                var status = await SendAsync(endpoint, role);
                if (endpoint.Anonymous || endpoint.Roles.Contains(role)) Expect(endpoint, role, status, ok: s => s is not (401 or 403) && (s < 500 || FailsOnPurpose(endpoint)));
                else Expect(endpoint, role, status, ok: s => s == 403);
            }
        }
        failures.ShouldBeEmpty();

        void Expect(ApiEndpoint e, string who, int status, Func<int, bool> ok)
        {
            if (!ok(status)) failures.Add($"{e.Method} {e.Path} as {who}: {status}");
        }
    }

    /// <summary>The test-only endpoints that fail on purpose, to prove the problem details of 500 and 503.</summary>
    static bool FailsOnPurpose(ApiEndpoint e) => e.Path.EndsWith("/test-notes/boom", StringComparison.Ordinal) || e.Path.EndsWith("/database-down", StringComparison.Ordinal);

    async Task<int> SendAsync(ApiEndpoint endpoint, string? role)
    {
        var answer = await api.Host.Scenario(x =>
        {
            if (role is not null) x.WithBearerToken(api.Token(role));
            var request = endpoint.Method switch
            {
                "GET" => x.Get, "POST" => x.Post, "PUT" => x.Put, "PATCH" => x.Patch, "DELETE" => x.Delete, "HEAD" => x.Head,
                _ => throw new NotSupportedException($"{endpoint.Method} {endpoint.Path}"),
            };
            if (endpoint.Method is "POST" or "PUT" or "PATCH") request.RawJson("{}").ToUrl(endpoint.Path);
            else request.Url(endpoint.Path);
            x.IgnoreStatusCode();
        });
        return (int)answer.Status();
    }

    async Task<List<ApiEndpoint>> DiscoverAsync()
    {
        var policies = api.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var found = new List<ApiEndpoint>();
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal)) continue;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = await AuthorizationPolicy.CombineAsync(policies,
                endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            anonymous |= policy is null;
            var roles = new HashSet<string>(LedgerRoles.All);
            foreach (var requirement in policy?.Requirements.OfType<RolesAuthorizationRequirement>() ?? [])
                roles.IntersectWith(requirement.AllowedRoles);
            foreach (var method in methods)
                found.Add(new ApiEndpoint(method, Concrete(endpoint), anonymous, roles));
        }
        return found;
    }

    /// <summary>The pattern with each route parameter filled with a value of its kind.</summary>
    static string Concrete(RouteEndpoint endpoint)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.Empty.ToString(),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content is "int" or "long") => "1",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "x",
                    _ => "",
                });
            }
        }
        return path.ToString();
    }
}

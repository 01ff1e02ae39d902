using System.Reflection;
using JasperFx;
using Ledger.Api.Auth;
using Ledger.Api.Hosting;
using Ledger.Api.Problems;
using Ledger.Commands;
using Wolverine.Http;

namespace Ledger.Api.Registry;

/// <summary>
/// The registry's commands as Wolverine endpoints, under <c>/api/registry</c>: each tagged Registry and open to the
/// registry's roles (an endpoint narrows it with <c>[Authorize(Policy = ...)]</c>); a lost race on any chain is a 409
/// problem, or a 412 when the request's If-Match named a version the stream has left.
/// </summary>
public static class RegistryConventions
{
    public const string Prefix = "/api/registry";

    /// <summary>The registry's request bodies: the records named <c>...Request</c> under this namespace.</summary>
    public static IEnumerable<Type> RequestTypes => typeof(RegistryConventions).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith(typeof(RegistryConventions).Namespace!, StringComparison.Ordinal) == true
            && t.Name.EndsWith("Request", StringComparison.Ordinal) && !t.IsNested);

    public static void Apply(WolverineHttpOptions options, IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpContextAccessor>();
        options.MapConcurrencyFailuresToConflict(_ => true, e => ConflictProblems.Describe(e, http.HttpContext));
        options.ConfigureEndpoints(chain =>
        {
            if (chain.RoutePattern?.RawText?.StartsWith(Prefix, StringComparison.Ordinal) != true) return;
            chain.Metadata.WithTags(ApiTags.Registry).RequireAuthorization(LedgerPolicies.Registry);
            // Every request body of the registry carries its own example, shown in the OpenAPI document.
            if (chain.RequestType?.GetField("Example", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is { } example)
                chain.Metadata.WithRequestExample(example);
        });
    }
}

using Ledger.Api.Analytics;
using Ledger.Api.Audit;
using Ledger.Api.Registry;
using Ledger.Api.Verification;

namespace Ledger.Api.Hosting;

/// <summary>The four user groups under <c>/api</c>, each with its tag, policy and conventions already applied.</summary>
public sealed record LedgerApiGroups(
    RouteGroupBuilder Registry,
    RouteGroupBuilder Verification,
    RouteGroupBuilder Audit,
    RouteGroupBuilder Analytics);

/// <summary>
/// A set of endpoints added to the groups from outside the host's own mapping (registered as a
/// service); the groups' policies, filters and tags apply to them as to any other endpoint.
/// </summary>
public interface ILedgerApiModule
{
    void Map(LedgerApiGroups groups);
}

public static class LedgerApiMapping
{
    /// <summary>Maps every group, then every registered <see cref="ILedgerApiModule"/>.</summary>
    public static LedgerApiGroups MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var groups = new LedgerApiGroups(app.MapRegistryApi(), app.MapVerificationApi(), app.MapAuditApi(), app.MapAnalyticsApi());
        foreach (var module in app.ServiceProvider.GetServices<ILedgerApiModule>()) module.Map(groups);
        return groups;
    }
}

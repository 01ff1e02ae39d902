using Ledger.Api.Auth;
using Ledger.Api.Hosting;

namespace Ledger.Api.Analytics;

/// <summary><c>/api/analytics</c>: the read models, for analysts.</summary>
public static class AnalyticsApi
{
    public static RouteGroupBuilder MapAnalyticsApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/analytics")
            .WithTags(ApiTags.Analytics)
            .RequireAuthorization(LedgerPolicies.Analytics);
}

using Ledger.Api.Analytics;
using Ledger.Api.Auth;
using Ledger.Api.Pages.SigningIn;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Projections.Training;

namespace Ledger.Api.Pages.Dashboard;

/// <summary>
/// <c>/dashboard/csv/{view}</c>: the dashboard's CSV downloads for an analyst signed in on the pages. The analytics
/// API accepts bearer tokens only; these page routes accept the sign-in cookie and answer what the API answers for
/// the same filters (<c>year</c>, <c>province</c>, <c>pageSize</c>), as CSV.
/// </summary>
public static class DashboardDownloads
{
    public static readonly string[] Views = ["target-progress", "provinces", "regencies", "outcomes", "agreements", "partners", "training"];

    /// <summary>The link to <paramref name="view"/>'s CSV with the dashboard's <paramref name="query"/>.</summary>
    public static string Link(string view, string query) => $"/dashboard/csv/{view}?{query}&format=csv";

    public static async Task<IResult> Download(string view, HttpContext http, CancellationToken ct)
    {
        if (await PageSession.RequireAsync(http, LedgerRoles.Analyst) is { } refused) return refused;
        var request = http.Request;
        var services = http.RequestServices;
        return view switch
        {
            "target-progress" => await ReadModelEndpoints.Target(request, services.GetRequiredService<TargetProgressQuery>(), ct),
            "provinces" => await ReadModelEndpoints.Provinces(request, services.GetRequiredService<RegencyTotalsQuery>(), ct),
            "regencies" => await ReadModelEndpoints.Regencies(request, services.GetRequiredService<RegencyTotalsQuery>(), ct),
            "outcomes" => await ReadModelEndpoints.Outcomes(request, services.GetRequiredService<AssessmentOutcomesQuery>(), ct),
            "agreements" => await ReadModelEndpoints.Agreements(request, services.GetRequiredService<AgreementQuotasQuery>(), ct),
            "partners" => await ReadModelEndpoints.Partners(request, services.GetRequiredService<PartnersQuery>(), ct),
            "training" => await ReadModelEndpoints.Training(request, services.GetRequiredService<TrainingProgressQuery>(), ct),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown download",
                detail: $"The dashboard offers CSV of {string.Join(", ", Views)}."),
        };
    }
}

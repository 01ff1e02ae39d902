using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Hosting;

/// <summary>
/// An analyst reads in the API reference what each filter means on each view (a year is the year a fact happened, and
/// which fact), and a filter a view cannot honour is a 400 saying why.
/// </summary>
public sealed class DescribingTheAnalyticsFilters(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    async Task<Dictionary<string, string>> FiltersOfAsync(string path)
    {
        var document = JsonDocument.Parse(await api.Host.GetAsText("/openapi/v1.json")).RootElement;
        return document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("description").GetString()!);
    }

    [Fact]
    public async Task every_analytics_view_documents_its_filters_and_what_its_year_means()
    {
        var agreements = await FiltersOfAsync("/api/analytics/agreements");
        agreements.Keys.ShouldBe(["year", "signedYear", "province", "regency", "scheme", "page", "pageSize", "format"], ignoreOrder: true);
        agreements["year"].ShouldContain("seats were used");
        agreements["signedYear"].ShouldContain("signed");

        (await FiltersOfAsync("/api/analytics/regencies"))["year"].ShouldContain("issue date");
        (await FiltersOfAsync("/api/analytics/outcomes"))["year"].ShouldContain("assessment");
        (await FiltersOfAsync("/api/analytics/outcomes")).Keys.ShouldNotContain("regency");
        (await FiltersOfAsync("/api/analytics/target-progress")).Keys.ShouldBe(["year", "format"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_signing_year_on_a_view_without_agreements_is_a_400_saying_why()
    {
        var answer = await api.Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Analyst, "Ayu Lestari"));
            x.Get.Url("/api/analytics/regencies?signedYear=2022");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("signedYear")[0].GetString()
            .ShouldBe("The signedYear filter does not apply to this view: only agreements have a signing year.");
    }

    [Fact]
    public async Task a_signing_year_that_is_not_a_year_is_a_400()
    {
        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Analyst, "Ayu Lestari"));
            x.Get.Url("/api/analytics/agreements?signedYear=22");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });
    }
}

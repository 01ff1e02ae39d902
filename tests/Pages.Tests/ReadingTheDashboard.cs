using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Ledger.Pages.Tests;

/// <summary>The analysts' dashboard over the seeded year: its charts show the numbers the analytics API returns.</summary>
[Collection(PagesCollection.Name)]
public sealed class ReadingTheDashboard(PagesHost host)
{
    async Task<JsonElement[]> ApiRowsAsync(string path)
    {
        var body = await host.ApiClient("analyst").GetFromJsonAsync<JsonElement>(path);
        return body.GetProperty("items").EnumerateArray().ToArray();
    }

    static async Task<Dictionary<string, decimal>> BarsAsync(IPage page, string chart)
    {
        var bars = page.Locator($"svg[data-chart='{chart}'] g.bar");
        var values = new Dictionary<string, decimal>();
        for (var i = 0; i < await bars.CountAsync(); i++)
            values[(await bars.Nth(i).GetAttributeAsync("data-key"))!] =
                decimal.Parse((await bars.Nth(i).GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
        return values;
    }

    async Task<IPage> DashboardAsync(IBrowserContext context, string query)
    {
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/dashboard?{query}");
        response!.Status.ShouldBe(200);
        return page;
    }

    [Fact]
    public async Task the_province_and_regency_charts_show_the_certified_counts_the_api_returns()
    {
        var year = host.Demo.Year;
        await using var context = await host.ContextAsync("analyst");
        var page = await DashboardAsync(context, $"year={year}");

        var provinces = (await ApiRowsAsync($"/api/analytics/provinces?year={year}&pageSize=500"))
            .GroupBy(r => r.GetProperty("provinceCode").GetString()!).ToDictionary(g => g.Key, g => (decimal)g.Sum(r => r.GetProperty("issued").GetInt32()));
        var regencies = (await ApiRowsAsync($"/api/analytics/regencies?year={year}&pageSize=500"))
            .GroupBy(r => r.GetProperty("regencyCode").GetString()!).ToDictionary(g => g.Key, g => (decimal)g.Sum(r => r.GetProperty("issued").GetInt32()));

        provinces.ShouldBe(new Dictionary<string, decimal> { ["35"] = 2, ["36"] = 1 });
        (await BarsAsync(page, "provinces")).ShouldBe(provinces);
        (await BarsAsync(page, "regencies")).ShouldBe(regencies);
        (await page.Locator("table[data-table=regencies] tr[data-code='35.23'] td").AllInnerTextsAsync())
            .ShouldBe(["35.23", "Kabupaten Tuban", "2", "1", "1"]);
    }

    [Fact]
    public async Task the_target_chart_shows_the_years_progress_and_forecast_from_the_api()
    {
        var year = host.Demo.Year;
        await using var context = await host.ContextAsync("analyst");
        var page = await DashboardAsync(context, $"year={year}");

        var api = (await host.ApiClient("analyst").GetFromJsonAsync<JsonElement>($"/api/analytics/target-progress?year={year}"))
            .EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == year);
        var chart = page.Locator("svg[data-chart='target-progress']");

        (await chart.Locator("g.cumulative").GetAttributeAsync("data-value")).ShouldBe(api.GetProperty("certified").GetInt32().ToString(CultureInfo.InvariantCulture));
        (await chart.Locator("g.target").GetAttributeAsync("data-value")).ShouldBe(api.GetProperty("target").GetInt32().ToString(CultureInfo.InvariantCulture));
        (await chart.Locator("g.forecast").GetAttributeAsync("data-value")).ShouldBe(api.GetProperty("forecast").GetInt32().ToString(CultureInfo.InvariantCulture));
        api.GetProperty("certified").GetInt32().ShouldBe(3);
        var month = Ledger.Domain.Days.InJakarta(DateTimeOffset.UtcNow).Month;
        (await chart.Locator($"circle.point[data-month='{month}']").GetAttributeAsync("data-value"))
            .ShouldBe(api.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetInt32() == month).GetProperty("cumulative").GetInt32().ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task the_pass_rate_charts_show_k_over_attempts_per_scheme_and_site_as_the_api_counts_them()
    {
        var year = host.Demo.Year;
        await using var context = await host.ContextAsync("analyst");
        var page = await DashboardAsync(context, $"year={year}");
        var outcomes = await ApiRowsAsync($"/api/analytics/outcomes?year={year}&pageSize=500");

        Dictionary<string, decimal> Rates(string by) => outcomes.GroupBy(o => o.GetProperty(by).GetString()!).ToDictionary(g => g.Key, g =>
            Math.Round((decimal)g.Sum(o => o.GetProperty("competent").GetInt32()) / g.Sum(o => o.GetProperty("attempts").GetInt32()), 4));

        Rates("assessmentSite").ShouldBe(new Dictionary<string, decimal> { ["TUK Serang"] = 0.5m, ["TUK Sewaktu Tuban"] = 1m });
        (await BarsAsync(page, "pass-rate-sites")).ShouldBe(Rates("assessmentSite"));
        (await BarsAsync(page, "pass-rate-schemes")).ShouldBe(Rates("scheme"));
    }

    [Fact]
    public async Task filtering_by_province_narrows_the_charts_and_the_csv_links_carry_the_filter()
    {
        var year = host.Demo.Year;
        await using var context = await host.ContextAsync("analyst");
        var page = await DashboardAsync(context, $"year={year}");

        await page.Locator("select[name=province]").SelectOptionAsync("36");
        await page.Locator("form.filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**province=36**");

        (await BarsAsync(page, "provinces")).ShouldBe(new Dictionary<string, decimal> { ["36"] = 1 });
        (await BarsAsync(page, "regencies")).ShouldBe(new Dictionary<string, decimal> { ["36.04"] = 1 });
        var agreements = page.Locator("table[data-table=agreements] tbody tr");
        (await agreements.CountAsync()).ShouldBe(1);
        (await agreements.Locator("td.quota-use").GetAttributeAsync("data-value")).ShouldBe("0.2");

        var csvLink = await page.Locator("#regencies a.csv").GetAttributeAsync("href");
        csvLink.ShouldBe($"/dashboard/csv/regencies?year={year}&province=36&pageSize=500&format=csv");
        var csv = await context.APIRequest.GetAsync(csvLink!);
        csv.Status.ShouldBe(200);
        csv.Headers["content-type"].ShouldStartWith("text/csv");
        var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[1].ShouldStartWith($"{year},36.04,");
    }

    [Fact]
    public async Task the_training_table_shows_the_years_trainees_against_its_target_and_its_csv_even_under_a_province_filter()
    {
        var year = host.Demo.Year;
        await using var context = await host.ContextAsync("analyst");
        var page = await DashboardAsync(context, $"year={year}&province=36");

        var all = page.Locator("table[data-table=training] tr[data-field-name=all] td");
        (await all.AllInnerTextsAsync()).Count.ShouldBe(3);
        var csvLink = await page.Locator("#training a.csv").GetAttributeAsync("href");
        csvLink.ShouldBe($"/dashboard/csv/training?year={year}&format=csv");
        var csv = await context.APIRequest.GetAsync(csvLink!);
        csv.Status.ShouldBe(200);
        csv.Headers["content-type"].ShouldStartWith("text/csv");
    }

    [Fact]
    public async Task the_area_tables_sort_on_the_server_by_the_column_asked_for()
    {
        await using var context = await host.ContextAsync("analyst");
        var page = await DashboardAsync(context, $"year={host.Demo.Year}&sort=code");

        (await page.Locator("table[data-table=provinces] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)"))
            .ShouldBe(["35", "36"]);
        await page.Locator("table[data-table=provinces] th a", new PageLocatorOptions { HasText = "Code" }).ClickAsync();
        await page.WaitForURLAsync("**sort=-code**");
        (await page.Locator("table[data-table=provinces] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)"))
            .ShouldBe(["36", "35"]);
    }

    [Fact]
    public async Task the_dashboard_leads_to_sign_in_without_a_token_and_refuses_a_registrar()
    {
        await using var anonymous = await host.ContextAsync();
        var page = await anonymous.NewPageAsync();
        await page.GotoAsync("/dashboard");
        new Uri(page.Url).AbsolutePath.ShouldBe("/signin");

        await using var registrar = await host.ContextAsync("registrar");
        var refused = await (await registrar.NewPageAsync()).GotoAsync("/dashboard");
        refused!.Status.ShouldBe(403);
    }
}

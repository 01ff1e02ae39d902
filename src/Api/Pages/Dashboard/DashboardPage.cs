using System.Globalization;
using Ledger.Api.Analytics;
using Ledger.Api.Auth;
using Ledger.Api.Pages.Html;
using Ledger.Api.Pages.SigningIn;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Projections.Training;
using Ledger.Projections.Verification;
using Ledger.Api.Hosting;

namespace Ledger.Api.Pages.Dashboard;

/// <summary>
/// <c>/dashboard?year=&amp;province=&amp;sort=</c> (analysts): progress toward the year's national target, certified
/// artisans per province and regency, pass rates per scheme and site, agreements with quota use, partners that signed in
/// the year per kind; each view with a
/// link to the same numbers as CSV (<see cref="DashboardDownloads"/>). Everything is drawn on the server; no script is needed.
/// </summary>
public static class DashboardPage
{
    /// <summary>The columns the area tables sort by (<c>sort=issued</c>, <c>sort=-issued</c> for descending).</summary>
    static readonly string[] SortKeys = ["code", "name", "issued", "valid", "revoked"];

    public static async Task<IResult> Show(HttpContext http, ReadReplica reads, RegencyTotalsQuery totals, TargetProgressQuery target,
        AssessmentOutcomesQuery outcomes, AgreementQuotasQuery agreements, PartnersQuery partners, TrainingProgressQuery training, TimeProvider time, CancellationToken ct)
    {
        if (await PageSession.RequireAsync(http, LedgerRoles.Analyst) is { } refused) return refused;
        var (filter, errors) = AnalyticsFilters.Parse(http.Request.Query);
        var today = VerificationQuery.TodayIn(time);
        if (errors.Any)
            return PageLayout.Page(PageLayout.Render("en", "Dashboard", w =>
            {
                w.Element("h1", "Dashboard").Element("p", "The filters are not valid: year 2000-2100, province two digits (e.g. 35).", ("class", "error"));
                w.Element("a", "Reset the filters", ("href", "/dashboard"));
            }), StatusCodes.Status400BadRequest);

        var year = filter.Year ?? today.Year;
        var province = filter.Province;
        var sort = http.Request.Query["sort"].ToString() is { Length: > 0 } s && SortKeys.Contains(s.TrimStart('-')) ? s : "-issued";
        var data = await DashboardData.LoadAsync(year, province, reads.Reads, totals, target, outcomes, agreements, partners, training, ct);
        var lastMonth = year < today.Year ? 12 : year > today.Year ? 0 : today.Month;

        return PageLayout.Page(PageLayout.Render("en", $"Dashboard {year}", w =>
        {
            w.Element("h1", $"Certification dashboard {year}" + (province is null ? "" : $", province {province}"));
            Filters(w, data, year, province, sort);
            var query = $"year={year}" + (province is null ? "" : $"&province={province}");

            Section(w, "progress", "Progress toward the national target", DashboardDownloads.Link("target-progress", $"year={year}"));
            w.Element("p", $"{data.Progress.Certified.ToString("N0", CultureInfo.InvariantCulture)} artisans certified of {data.Progress.Target.ToString("N0", CultureInfo.InvariantCulture)} " +
                           $"({(data.Progress.Share * 100).ToString("0.##", CultureInfo.InvariantCulture)} %), with {data.Progress.Certificates.ToString("N0", CultureInfo.InvariantCulture)} certificates; " +
                           $"forecast {data.Progress.Forecast.ToString("N0", CultureInfo.InvariantCulture)} artisans by year end. " +
                           "The target counts artisans, once each however many schemes, and nationally: the province filter does not apply here.",
                ("class", "summary"), ("data-certified", data.Progress.Certified), ("data-certificates", data.Progress.Certificates));
            SvgCharts.Progress(w, data.Progress, lastMonth);
            w.Close("section");

            Section(w, "provinces", "Certified artisans per province", DashboardDownloads.Link("provinces", $"{query}&pageSize=500"));
            SvgCharts.Bars(w, "provinces", "Certified artisans per province",
                Sorted(data.Provinces, "-issued").Select(a => new Bar(a.Code, a.Name, a.Issued, a.Issued.ToString(CultureInfo.InvariantCulture))).ToList());
            AreaTable(w, "provinces", "Province", Sorted(data.Provinces, sort), year, province, sort);
            w.Close("section");

            Section(w, "regencies", "Certified artisans per regency", DashboardDownloads.Link("regencies", $"{query}&pageSize=500"));
            SvgCharts.Bars(w, "regencies", "Certified artisans per regency",
                Sorted(data.Regencies, "-issued").Select(a => new Bar(a.Code, a.Name, a.Issued, a.Issued.ToString(CultureInfo.InvariantCulture))).ToList());
            AreaTable(w, "regencies", "Regency", Sorted(data.Regencies, sort), year, province, sort);
            w.Close("section");

            Section(w, "pass-rates", "Pass rates", DashboardDownloads.Link("outcomes", $"year={year}&pageSize=500"));
            w.Element("p", "Per scheme and per assessment site (TUK), K over attempts. A site serves several provinces: the province filter does not apply.", ("class", "note"));
            w.Element("h3", "Per scheme");
            SvgCharts.Bars(w, "pass-rate-schemes", "Pass rate per scheme", data.Schemes.Select(Rate).ToList(), 1m);
            w.Element("h3", "Per assessment site");
            SvgCharts.Bars(w, "pass-rate-sites", "Pass rate per assessment site", data.Sites.Select(Rate).ToList(), 1m);
            w.Close("section");

            Section(w, "agreements", "Agreements and quota use", DashboardDownloads.Link("agreements", $"{query}&pageSize=500"));
            Agreements(w, data.Agreements);
            w.Close("section");

            Section(w, "partners", "Partners that signed an MoU", DashboardDownloads.Link("partners", $"{query}&pageSize=500"));
            Partners(w, data.Partners);
            w.Close("section");

            Section(w, "training", "Trainees against the training target", DashboardDownloads.Link("training", $"year={year}"));
            w.Element("p", "Training programmes of the centre (batik and beyond), counted in the programme's year; completed trainees hold the centre's " +
                           "training certificate, not a competency certificate. The province filter does not apply here.", ("class", "note"));
            Training(w, data.Training);
            w.Close("section");
        }, "dashboard", nav: w => w.Element("a", "Sign out", ("href", "/signout"))));
    }

    static Bar Rate(PassRate r) => new(r.Name, r.Name, r.Rate,
        $"{(r.Rate * 100).ToString("0.#", CultureInfo.InvariantCulture)} % ({r.Competent}/{r.Attempts})");

    static void Section(HtmlWriter w, string id, string title, string csv) =>
        w.Open("section", ("id", id), ("class", "view"))
            .Open("div", ("class", "view-head"))
            .Element("h2", title)
            .Element("a", "CSV", ("href", csv), ("class", "csv"), ("download", true))
            .Close("div");

    static void Filters(HtmlWriter w, DashboardData data, int year, string? province, string sort)
    {
        w.Open("form", ("method", "get"), ("action", "/dashboard"), ("class", "filters"))
            .Element("label", "Year", ("for", "year"))
            .Element("input", null, ("id", "year"), ("name", "year"), ("type", "number"), ("min", 2000), ("max", 2100), ("value", year))
            .Element("label", "Province", ("for", "province"))
            .Open("select", ("id", "province"), ("name", "province"))
            .Element("option", "All provinces", ("value", ""));
        foreach (var (code, name) in data.ProvinceChoices)
            w.Element("option", $"{code} {name}", ("value", code), ("selected", code == province));
        w.Close("select")
            .Element("input", null, ("type", "hidden"), ("name", "sort"), ("value", sort))
            .Element("button", "Show", ("type", "submit"))
            .Close("form");
    }

    static IEnumerable<AreaTotal> Sorted(IEnumerable<AreaTotal> rows, string sort)
    {
        var descending = sort.StartsWith('-');
        Func<AreaTotal, object> key = sort.TrimStart('-') switch
        {
            "code" => a => a.Code,
            "name" => a => a.Name,
            "valid" => a => a.Valid,
            "revoked" => a => a.Revoked,
            _ => a => a.Issued,
        };
        var ordered = descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
        return ordered.ThenBy(a => a.Code, StringComparer.Ordinal);
    }

    static void AreaTable(HtmlWriter w, string name, string what, IEnumerable<AreaTotal> rows, int year, string? province, string sort)
    {
        w.Open("div", ("class", "table-wrap")).Open("table", ("class", "sortable"), ("data-table", name), ("data-sort", sort)).Open("thead").Open("tr");
        foreach (var (key, label) in new[] { ("code", "Code"), ("name", what), ("issued", "Certified"), ("valid", "Valid"), ("revoked", "Revoked") })
        {
            var active = sort.TrimStart('-') == key;
            var next = active && !sort.StartsWith('-') ? "-" + key : key;
            var href = $"/dashboard?year={year}" + (province is null ? "" : $"&province={province}") + $"&sort={next}#{name}";
            w.Open("th", ("aria-sort", active ? (sort.StartsWith('-') ? "descending" : "ascending") : null))
                .Element("a", label + (active ? (sort.StartsWith('-') ? " ▼" : " ▲") : ""), ("href", href))
                .Close("th");
        }
        w.Close("tr").Close("thead").Open("tbody");
        foreach (var a in rows)
            w.Open("tr", ("data-code", a.Code))
                .Element("td", a.Code).Element("td", a.Name)
                .Element("td", a.Issued, ("class", "num")).Element("td", a.Valid, ("class", "num")).Element("td", a.Revoked, ("class", "num"))
                .Close("tr");
        w.Close("tbody").Close("table").Close("div");
    }

    static void Agreements(HtmlWriter w, IReadOnlyList<AgreementQuota> rows)
    {
        w.Open("div", ("class", "table-wrap")).Open("table", ("data-table", "agreements")).Open("thead").Open("tr");
        foreach (var h in new[] { "Partner", "Agency (PKS)", "Centre (MoU)", "Year", "Quota", "Enrolled", "Certified", "Quota use", "Aid delivered" })
            w.Element("th", h);
        w.Close("tr").Close("thead").Open("tbody");
        foreach (var a in rows)
        {
            var use = a.Quota == 0 ? 0m : Math.Round((decimal)a.Enrolled / a.Quota, 4);
            w.Open("tr", ("data-pks", a.PksId), ("data-year", a.Year))
                .Element("td", a.RegencyCode is { } regency ? $"{regency} {a.RegencyName}" : $"{a.PartnerName} ({a.PartnerKind})")
                .Element("td", $"{a.AgencyName} ({a.PksStatus.Replace('-', ' ')})")
                .Element("td", $"{a.CentreName} ({a.MouStatus.Replace('-', ' ')})")
                .Element("td", a.Year?.ToString(CultureInfo.InvariantCulture) ?? "—", ("class", "num"))
                .Element("td", a.Quota, ("class", "num"))
                .Element("td", a.Enrolled, ("class", "num"), ("data-field", "enrolled"))
                .Element("td", a.Certified, ("class", "num"))
                .Open("td", ("class", "quota-use"), ("data-value", use))
                .Element("meter", null, ("min", 0), ("max", Math.Max(a.Quota, 1)), ("value", a.Enrolled))
                .Text($" {(use * 100).ToString("0", CultureInfo.InvariantCulture)} %")
                .Close("td")
                .Element("td", $"{a.AidDelivered}" + (a.EquipmentAid is { } item ? $" × {item}" : ""), ("class", "num"))
                .Close("tr");
        }
        w.Close("tbody").Close("table").Close("div");
    }

    static void Partners(HtmlWriter w, IReadOnlyList<PartnersInYear> rows)
    {
        w.Open("div", ("class", "table-wrap")).Open("table", ("data-table", "partners")).Open("thead").Open("tr");
        foreach (var h in new[] { "Kind of partner", "Partners", "MoUs signed" }) w.Element("th", h);
        w.Close("tr").Close("thead").Open("tbody");
        foreach (var p in rows)
            w.Open("tr", ("data-kind", p.PartnerKind))
                .Element("td", p.PartnerKind)
                .Element("td", p.Partners, ("class", "num"), ("data-field", "partners"))
                .Element("td", p.Mous, ("class", "num"))
                .Close("tr");
        w.Open("tr", ("data-kind", "all"))
            .Element("th", "All partners")
            .Element("td", rows.Sum(p => p.Partners), ("class", "num"))
            .Element("td", rows.Sum(p => p.Mous), ("class", "num"))
            .Close("tr");
        w.Close("tbody").Close("table").Close("div");
    }

    static void Training(HtmlWriter w, TrainingYear? year)
    {
        w.Open("div", ("class", "table-wrap")).Open("table", ("data-table", "training")).Open("thead").Open("tr");
        foreach (var h in new[] { "Field", "Target", "Admitted", "Completed" }) w.Element("th", h);
        w.Close("tr").Close("thead").Open("tbody");
        foreach (var f in year?.Fields ?? [])
            w.Open("tr", ("data-field-name", f.Field))
                .Element("td", f.Field)
                .Element("td", f.Target, ("class", "num"))
                .Element("td", f.Admitted, ("class", "num"))
                .Element("td", f.Completed, ("class", "num"), ("data-field", "completed"))
                .Close("tr");
        w.Open("tr", ("data-field-name", "all"))
            .Element("th", "All fields")
            .Element("td", year?.Target ?? 0, ("class", "num"))
            .Element("td", year?.Admitted ?? 0, ("class", "num"))
            .Element("td", year?.Completed ?? 0, ("class", "num"), ("data-field", "completed"))
            .Close("tr");
        w.Close("tbody").Close("table").Close("div");
    }
}

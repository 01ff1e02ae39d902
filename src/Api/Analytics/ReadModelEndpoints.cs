using Ledger.Api.Hosting;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Querying;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Projections.Training;
using Ledger.Training;
using Microsoft.AspNetCore.Http.HttpResults;
using static Ledger.Api.Analytics.AnalyticsParameters;

namespace Ledger.Api.Analytics;

/// <summary>
/// The read models for analysts, under <c>/api/analytics</c>: filtered by <c>year</c>, <c>province</c>,
/// <c>regency</c> and <c>scheme</c>, paged by <c>page</c> and <c>pageSize</c> (default 50, at most 500), as JSON or,
/// with <c>Accept: text/csv</c>, as CSV (the page's rows; the total in <c>X-Total-Count</c>).
/// </summary>
public sealed class ReadModelEndpoints : ILedgerApiModule
{
    public void Map(LedgerApiGroups groups)
    {
        var g = groups.Analytics;
        var issued = Year("the year certificates were issued (their issue date).");
        Paged(g.MapGet("/regencies", Regencies), "RegencyTotals", "Certified artisans per year, regency and scheme", typeof(Paged<RegencyTotal>))
            .WithFilters(issued, Province, Regency, Scheme, Page, PageSize, Format);
        Paged(g.MapGet("/provinces", Provinces), "ProvinceTotals", "Certified artisans per year, province and scheme", typeof(Paged<ProvinceTotal>))
            .WithFilters(issued, Province, Regency, Scheme, Page, PageSize, Format);
        Paged(g.MapGet("/national", National), "NationalTotals", "Certified artisans per year and scheme, nationally", typeof(Paged<NationalTotal>))
            .WithFilters(issued, Province, Regency, Scheme, Page, PageSize, Format);
        Paged(g.MapGet("/outcomes", Outcomes), "AssessmentOutcomes", "Attempts, K, BK, pass rate and appeals per year, scheme, site and assessor", typeof(Paged<AssessmentOutcome>))
            .WithFilters(Year("the year of the assessment (the day it was held). Province and regency do not apply: a site serves several regencies."),
                Scheme, Page, PageSize, Format);
        Paged(g.MapGet("/agreements", Agreements), "AgreementQuotas", "MoU and PKS per regency with quota, enrolled, certified and aid per year", typeof(Paged<AgreementQuota>))
            .WithDescription("One row per PKS and year in which its seats were used (enrollments by their enrollment date, certificates by their " +
                "issue date, aid by its delivery date), and one row without a year for a PKS under which nothing happened yet, with its partner " +
                "(kind, name, province; the regency only for a regency partner). `year` picks the year seats were used; `signedYear` the year the " +
                "PKS was signed; both together, the seats a PKS signed that year used in the other.")
            .WithFilters(Year("the year the PKS's seats were used: enrollments, certificates and aid dated in it (not the signing year; see signedYear)."),
                SignedYear, Province with { Description = "A province's two-digit code (35): the partner's province (a province partner's own code, a regency partner's first two digits)." },
                Regency with { Description = "A regency partner's code PP.KK (35.23)." }, Scheme with { Description = "A scheme the PKS covers (PEMBATIK-TULIS)." },
                Page, PageSize, Format);
        Paged(g.MapGet("/partners", Partners), "PartnersPerYear", "Partners that signed an MoU, per signing year and partner kind", typeof(Paged<PartnersInYear>))
            .WithDescription("One row per signing year and partner kind (regency, province, state-owned-firm, private-firm, ministry-or-agency, " +
                "school): the distinct partners that signed an MoU that year (a regency counted by its code, a province by its code, any other " +
                "partner by its name) and the MoUs signed. `scheme` does not apply (an MoU names no scheme): a 400.")
            .WithFilters(Year("the year the MoU was signed."),
                Province with { Description = "A province's two-digit code (35): a province partner's own code, a regency partner's first two digits; other partners have none and are left out by it." },
                Regency with { Description = "A regency partner's code PP.KK (35.23)." }, Page, PageSize, Format);
        Paged(g.MapGet("/target-progress", Target), "TargetProgress", "Certified artisans per year against the national target, monthly series and forecast", typeof(IReadOnlyList<YearProgress>))
            .WithDescription("The target counts artisans: `certified` is the distinct artisans whose certificate was issued in the year " +
                "(by its issue date, the day it happened, not the day it was recorded); an artisan certified in two schemes counts once, in the month " +
                "of the first. `certificates` beside it counts the certificates first issued; renewals are neither. `share` = certified ÷ target. " +
                TargetProgressQuery.ForecastFormula + " As CSV: one row per year and month.")
            .WithFilters(Year("the year certificates were issued. The target is national and for every scheme: province, regency and scheme do not apply."),
                Format);
        Paged(g.MapGet("/trainers", Trainers), "TrainersDirectory", "Qualified trainers (narasumber) per regency and scheme, with their certificate and the batches they trained", typeof(Paged<TrainerEntry>))
            .WithDescription("One row per trainer and scheme they are qualified in, without names (agencies read names at `GET /api/registry/trainers`). " +
                "`certificateStatus` is their certificate in that scheme as it stands: only a valid one lets them be named to a batch. " +
                "Erased artisans are not listed.")
            .WithFilters(Province, Regency, Scheme, Page, PageSize, Format);
        g.MapGet("/training", Training).WithName("TrainingProgress")
            .WithSummary("Trainees against the target per year: per programme, per field and in total")
            .WithDescription("One entry per year with a training programme: the yearly target of trainees, admitted and completed trainees " +
                "(those who received the centre's training certificate), per field, per programme and in total; as CSV one row per programme. " +
                "`province`, `regency` and `scheme` do not apply: a 400.")
            .Produces(StatusCodes.Status200OK, typeof(IReadOnlyList<TrainingYear>), "application/json", CsvResult<object>.ContentType)
            .ProducesValidationProblem()
            .WithFilters(Year("the programmes' year (trainees count in their programme's year)."),
                new Filter("field", "One of batik, colouring, motif-design, ecoprint, weaving, natural-fibre-plaiting, local-content-certification.", Example: "ecoprint"),
                Format);
        g.MapGet("/artisans/{artisanId:guid}", Profile).WithName("ArtisanProfile")
            .WithSummary("An artisan's certifications, trainings, aid and monitoring visits (no personal data)");
    }

    static RouteHandlerBuilder Paged(RouteHandlerBuilder endpoint, string name, string summary, Type json) =>
        endpoint.WithName(name).WithSummary(summary)
            .Produces(StatusCodes.Status200OK, json, "application/json", CsvResult<object>.ContentType)
            .ProducesValidationProblem();

    const string OnlyAgreementsAreSigned = "only agreements have a signing year";

    public static Task<IResult> Regencies(HttpRequest request, RegencyTotalsQuery query, CancellationToken ct) =>
        ServeAsync(request, f => query.RegenciesAsync(f, ct), (OnlyAgreementsAreSigned, ["signedYear"]));

    public static Task<IResult> Provinces(HttpRequest request, RegencyTotalsQuery query, CancellationToken ct) =>
        ServeAsync(request, f => query.ProvincesAsync(f, ct), (OnlyAgreementsAreSigned, ["signedYear"]));

    public static Task<IResult> National(HttpRequest request, RegencyTotalsQuery query, CancellationToken ct) =>
        ServeAsync(request, f => query.NationalAsync(f, ct), (OnlyAgreementsAreSigned, ["signedYear"]));

    /// <summary>Per assessment site (TUK), which serves candidates from several regencies: province and regency do not apply.</summary>
    public static Task<IResult> Outcomes(HttpRequest request, AssessmentOutcomesQuery query, CancellationToken ct) =>
        ServeAsync(request, f => query.OutcomesAsync(f, ct),
            ("an assessment site (TUK) serves candidates from several regencies, so outcomes are not counted per area", ["province", "regency"]),
            (OnlyAgreementsAreSigned, ["signedYear"]));

    public static Task<IResult> Agreements(HttpRequest request, AgreementQuotasQuery query, CancellationToken ct) =>
        ServeAsync(request, f => query.AgreementsAsync(f, ct));

    /// <summary>Per signing year and partner kind; an MoU names no scheme.</summary>
    public static Task<IResult> Partners(HttpRequest request, PartnersQuery query, CancellationToken ct) =>
        ServeAsync(request, f => query.PerYearAsync(f, ct), ("an MoU names no certification scheme", ["scheme"]),
            ("the year here is already the signing year", ["signedYear"]));

    /// <summary>Per year (the <c>year</c> filter applies; the national target has no area or scheme); as CSV, one row per year and month.</summary>
    public static async Task<IResult> Target(HttpRequest request, TargetProgressQuery query, CancellationToken ct)
    {
        var (filter, errors) = AnalyticsFilters.Parse(request.Query);
        AnalyticsFilters.RefuseNotApplicable(request.Query, errors, "the target is national, for every scheme", ["province", "regency", "scheme"]);
        AnalyticsFilters.RefuseNotApplicable(request.Query, errors, OnlyAgreementsAreSigned, ["signedYear"]);
        if (errors.Any) return errors.Problem();
        var years = await query.YearsAsync(filter.Year, ct);
        return Csv.Wanted(request)
            ? new CsvResult<TargetMonthRow>(years.SelectMany(y => y.Months.Select(m =>
                new TargetMonthRow(y.Year, m.Month, m.Certified, m.Cumulative, m.Certificates, m.CumulativeCertificates, y.Target, y.Share, y.Forecast))))
            : TypedResults.Ok(years);
    }

    public static Task<IResult> Trainers(HttpRequest request, TrainersDirectoryQuery query, CancellationToken ct) =>
        ServeAsync(request, f => query.TrainersAsync(f, ct),
            (TrainersDirectoryQuery.NoYear, ["year"]), (OnlyAgreementsAreSigned, ["signedYear"]));

    /// <summary>Per year, the programmes' target against their trainees (<c>year</c> and <c>field</c> apply); as CSV, one row per programme.</summary>
    public static async Task<IResult> Training(HttpRequest request, TrainingProgressQuery query, CancellationToken ct)
    {
        var (filter, errors) = AnalyticsFilters.Parse(request.Query);
        AnalyticsFilters.RefuseNotApplicable(request.Query, errors, "training programmes are counted per field, not per area or scheme",
            ["province", "regency", "scheme"]);
        AnalyticsFilters.RefuseNotApplicable(request.Query, errors, OnlyAgreementsAreSigned, ["signedYear"]);
        var field = request.Query["field"].ToString() is { Length: > 0 } f ? TrainingFields.Parse(f) : null;
        errors.Check("field", request.Query["field"].ToString() is not { Length: > 0 } || field is not null, $"The field is one of {TrainingFields.Listed}.");
        if (errors.Any) return errors.Problem();
        var years = await query.YearsAsync(filter.Year, field?.Name(), ct);
        return Csv.Wanted(request)
            ? new CsvResult<TrainingProgrammeRow>(years.SelectMany(y => y.Programmes.Select(p =>
                new TrainingProgrammeRow(y.Year, p.Field, p.CentreName, p.PartnerKind, p.PartnerName, p.Target, p.Admitted, p.Completed, p.ProgrammeId))))
            : TypedResults.Ok(years);
    }

    public static async Task<Results<Ok<ArtisanProfile>, ProblemHttpResult>> Profile(Guid artisanId, ArtisanProfilesQuery query, CancellationToken ct) =>
        await query.FindAsync(artisanId, ct) is { } profile
            ? TypedResults.Ok(profile)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown artisan",
                detail: $"The read side has no artisan {artisanId} (yet).");

    static async Task<IResult> ServeAsync<T>(HttpRequest request, Func<ReadModelFilter, Task<Paged<T>>> read,
        params (string Why, string[] Filters)[] notApplicable)
    {
        var (filter, errors) = AnalyticsFilters.Parse(request.Query);
        foreach (var refused in notApplicable)
            AnalyticsFilters.RefuseNotApplicable(request.Query, errors, refused.Why, refused.Filters);
        if (errors.Any) return errors.Problem();
        var page = await read(filter);
        return Csv.Wanted(request) ? new CsvResult<T>(page.Items, page.Total) : TypedResults.Ok(page);
    }

    /// <summary>A programme's year, field, centre, partner, target and trainees, as one CSV row.</summary>
    public sealed record TrainingProgrammeRow(int Year, string Field, string CentreName, string PartnerKind, string PartnerName, int Target,
        int Admitted, int Completed, Guid ProgrammeId);

    /// <summary>A year and month of target progress, as one CSV row.</summary>
    public sealed record TargetMonthRow(int Year, int Month, int Certified, int Cumulative, int Certificates, int CumulativeCertificates,
        int Target, decimal Share, int Forecast);
}

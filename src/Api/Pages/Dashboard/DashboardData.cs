using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Querying;
using Ledger.Projections.Regencies;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Projections.Training;
using Ledger.Marten;

namespace Ledger.Api.Pages.Dashboard;

/// <summary>Certified artisans in one province or regency, all schemes together.</summary>
public sealed record AreaTotal(string Code, string Name, int Issued, int Valid, int Revoked);

/// <summary>Pass rate of one scheme or assessment site: K over attempts, as the analytics API computes it.</summary>
public sealed record PassRate(string Name, int Attempts, int Competent, decimal Rate);

/// <summary>Everything the dashboard shows for a year and an optional province, read through the analytics endpoints' query classes.</summary>
public sealed record DashboardData(
    YearProgress Progress, IReadOnlyList<AreaTotal> Provinces, IReadOnlyList<AreaTotal> Regencies,
    IReadOnlyList<PassRate> Schemes, IReadOnlyList<PassRate> Sites, IReadOnlyList<AgreementQuota> Agreements,
    IReadOnlyList<PartnersInYear> Partners, IReadOnlyList<(string Code, string Name)> ProvinceChoices, TrainingYear? Training = null)
{
    public static async Task<DashboardData> LoadAsync(int year, string? province, LedgerDatabase database, RegencyTotalsQuery totals,
        TargetProgressQuery target, AssessmentOutcomesQuery outcomes, AgreementQuotasQuery agreements, PartnersQuery partners,
        TrainingProgressQuery training, CancellationToken ct)
    {
        var filter = new ReadModelFilter(year, province);
        var progress = (await target.YearsAsync(year, ct)).Single(y => y.Year == year);
        var provinces = await AllAsync(filter, f => totals.ProvincesAsync(f, ct));
        var regencies = await AllAsync(filter, f => totals.RegenciesAsync(f, ct));
        var attempts = await AllAsync(filter, f => outcomes.OutcomesAsync(f, ct));
        var quotas = await AllAsync(filter, f => agreements.AgreementsAsync(f, ct));
        var signed = await AllAsync(filter, f => partners.PerYearAsync(f, ct));
        var lookup = await RegencyLookup.LoadAsync(database, ct);

        return new DashboardData(progress,
            provinces.GroupBy(p => (p.ProvinceCode, p.ProvinceName))
                .Select(g => new AreaTotal(g.Key.ProvinceCode, g.Key.ProvinceName, g.Sum(p => p.Issued), g.Sum(p => p.Valid), g.Sum(p => p.Revoked)))
                .ToList(),
            regencies.GroupBy(r => (r.RegencyCode, r.RegencyName))
                .Select(g => new AreaTotal(g.Key.RegencyCode, g.Key.RegencyName, g.Sum(r => r.Issued), g.Sum(r => r.Valid), g.Sum(r => r.Revoked)))
                .ToList(),
            Rates(attempts, o => o.Scheme), Rates(attempts, o => o.AssessmentSite), quotas, signed,
            lookup.All.GroupBy(r => r.ProvinceCode).Select(g => (g.Key, g.First().ProvinceName)).ToList(),
            (await training.YearsAsync(year, null, ct)).SingleOrDefault(y => y.Year == year));
    }

    /// <summary>The same rounding as the analytics API: four decimals of K over attempts.</summary>
    public static decimal Rate(int competent, int attempts) => attempts == 0 ? 0 : Math.Round((decimal)competent / attempts, 4);

    static List<PassRate> Rates(IEnumerable<AssessmentOutcome> outcomes, Func<AssessmentOutcome, string> by) =>
        outcomes.GroupBy(by)
            .Select(g => new PassRate(g.Key, g.Sum(o => o.Attempts), g.Sum(o => o.Competent), Rate(g.Sum(o => o.Competent), g.Sum(o => o.Attempts))))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every page of a read model for the filter.</summary>
    static async Task<List<T>> AllAsync<T>(ReadModelFilter filter, Func<ReadModelFilter, Task<Paged<T>>> read)
    {
        var rows = new List<T>();
        for (var page = 1; ; page++)
        {
            var result = await read(filter with { Page = page, PageSize = ReadModelFilter.MaxPageSize });
            rows.AddRange(result.Items);
            if (result.Items.Count == 0 || rows.Count >= result.Total) return rows;
        }
    }
}

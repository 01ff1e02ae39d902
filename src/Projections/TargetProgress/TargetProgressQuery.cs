using Ledger.Projections.Verification;
using Ledger.Marten;
using Npgsql;

namespace Ledger.Projections.TargetProgress;

/// <summary>The national yearly target (15,000 certified artisans by default).</summary>
public sealed class TargetProgressOptions
{
    public int NationalTarget { get; set; } = 15_000;
}

/// <summary>
/// A month of the year: the artisans certified for the first time that year in it (<see cref="Certified"/>) and the
/// year's running count of them at its end (<see cref="Cumulative"/>); the certificates first issued in it beside.
/// </summary>
public sealed record MonthlyProgress(int Month, int Certified, int Cumulative, int Certificates, int CumulativeCertificates);

/// <summary>
/// One year against the target, which counts artisans: the distinct artisans certified in the year (an artisan
/// certified in two schemes counts once), the certificates first issued beside them (renewals are neither), the share
/// of the target reached, the monthly series and a year-end forecast.
/// </summary>
public sealed record YearProgress(int Year, int Target, int Certified, int Certificates, decimal Share, IReadOnlyList<MonthlyProgress> Months, int Forecast);

public sealed class TargetProgressQuery(LedgerDatabase database, TargetProgressOptions options, TimeProvider time)
{
    public async Task<IReadOnlyList<YearProgress>> YearsAsync(int? year, CancellationToken ct = default)
    {
        var rows = await PreparedStatements.ReadAsync(database.DataSource, $"""
            select year, month, artisans, certified from {database.Quoted}.{TargetProgressProjection.Months}
            where ($1::int is null or year = $1) order by year, month
            """,
            parameters => parameters.Add(new NpgsqlParameter<int?> { TypedValue = year, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer }),
            async (reader, token) =>
            {
                var read = new List<(int Year, int Month, int Artisans, int Certificates)>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                    read.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
                return read;
            }, ct).ConfigureAwait(false);

        var today = VerificationQuery.TodayIn(time);
        var years = rows.Select(r => r.Year).Distinct().ToList();
        if (year is { } asked && !years.Contains(asked)) years.Add(asked);
        return years.Order().Select(y => Progress(y, rows.Where(r => r.Year == y).ToList(), today)).ToList();
    }

    YearProgress Progress(int year, List<(int Year, int Month, int Artisans, int Certificates)> rows, DateOnly today)
    {
        var (artisans, certificates) = (0, 0);
        var months = new List<MonthlyProgress>();
        for (var m = 1; m <= 12; m++)
        {
            var month = rows.Where(r => r.Month == m).ToList();
            artisans += month.Sum(r => r.Artisans);
            certificates += month.Sum(r => r.Certificates);
            months.Add(new MonthlyProgress(m, month.Sum(r => r.Artisans), artisans, month.Sum(r => r.Certificates), certificates));
        }
        var target = options.NationalTarget;
        var share = target == 0 ? 0m : Math.Round((decimal)artisans / target, 4);
        return new YearProgress(year, target, artisans, certificates, share, months, Forecast(year, artisans, today));
    }

    /// <summary>How <see cref="YearProgress.Forecast"/> is reckoned, for the API's description.</summary>
    public const string ForecastFormula =
        "forecast = round(certified × days in the year ÷ day of the year today in Asia/Jakarta) for the current year; " +
        "a past or future year forecasts its count as it stands.";

    /// <summary>The count so far, extrapolated over the whole year by the days elapsed; a past year forecasts its final count.</summary>
    static int Forecast(int year, int certified, DateOnly today)
    {
        if (year < today.Year) return certified;
        if (year > today.Year) return certified;
        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        return (int)Math.Round((double)certified * daysInYear / today.DayOfYear);
    }
}

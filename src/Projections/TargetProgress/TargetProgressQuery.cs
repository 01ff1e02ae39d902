using Ledger.Projections.Verification;
using Ledger.Marten;
using Npgsql;

namespace Ledger.Projections.TargetProgress;

/// <summary>The national yearly target (15,000 certified artisans by default).</summary>
public sealed class TargetProgressOptions
{
    public int NationalTarget { get; set; } = 15_000;
}

/// <summary>A month's new certificates and the year's running total at its end.</summary>
public sealed record MonthlyProgress(int Month, int Certified, int Cumulative);

/// <summary>
/// One year against the target: the certified count, the share of the target reached, the monthly
/// cumulative series and a year-end forecast from the run rate so far (for a past year, its final count).
/// </summary>
public sealed record YearProgress(int Year, int Target, int Certified, decimal Share, IReadOnlyList<MonthlyProgress> Months, int Forecast);

public sealed class TargetProgressQuery(LedgerDatabase database, TargetProgressOptions options, TimeProvider time)
{
    public async Task<IReadOnlyList<YearProgress>> YearsAsync(int? year, CancellationToken ct = default)
    {
        var rows = await PreparedStatements.ReadAsync(database.DataSource, $"""
            select year, month, certified from {database.Quoted}.{TargetProgressProjection.Months}
            where ($1::int is null or year = $1) order by year, month
            """,
            parameters => parameters.Add(new NpgsqlParameter<int?> { TypedValue = year, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer }),
            async (reader, token) =>
            {
                var read = new List<(int Year, int Month, int Certified)>();
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                    read.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
                return read;
            }, ct).ConfigureAwait(false);

        var today = VerificationQuery.TodayIn(time);
        var years = rows.Select(r => r.Year).Distinct().ToList();
        if (year is { } asked && !years.Contains(asked)) years.Add(asked);
        return years.Order().Select(y => Progress(y, rows.Where(r => r.Year == y).ToList(), today)).ToList();
    }

    YearProgress Progress(int year, List<(int Year, int Month, int Certified)> rows, DateOnly today)
    {
        var cumulative = 0;
        var months = new List<MonthlyProgress>();
        for (var m = 1; m <= 12; m++)
        {
            var certified = rows.Where(r => r.Month == m).Sum(r => r.Certified);
            cumulative += certified;
            months.Add(new MonthlyProgress(m, certified, cumulative));
        }
        var target = options.NationalTarget;
        var share = target == 0 ? 0m : Math.Round((decimal)cumulative / target, 4);
        return new YearProgress(year, target, cumulative, share, months, Forecast(year, cumulative, today));
    }

    /// <summary>The count so far, extrapolated over the whole year by the days elapsed; a past year forecasts its final count.</summary>
    static int Forecast(int year, int certified, DateOnly today)
    {
        if (year < today.Year) return certified;
        if (year > today.Year) return certified;
        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        return (int)Math.Round((double)certified * daysInYear / today.DayOfYear);
    }
}

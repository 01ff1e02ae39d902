using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Api.Problems;
using Ledger.Projections.Querying;

namespace Ledger.Api.Analytics;

/// <summary>Reads <c>year</c>, <c>signedYear</c>, <c>province</c>, <c>regency</c>, <c>scheme</c>, <c>page</c> and <c>pageSize</c> from the query string, each checked.</summary>
public static partial class AnalyticsFilters
{
    public static (ReadModelFilter Filter, FieldErrors Errors) Parse(IQueryCollection query)
    {
        var errors = new FieldErrors();
        var year = Year(query, "year", errors);
        var signedYear = Year(query, "signedYear", errors);
        var province = Optional(query, "province");
        errors.Check("province", province is null || Province().IsMatch(province), "The province must be two digits, e.g. 35.");
        var regency = Optional(query, "regency");
        errors.Check("regency", regency is null || Regency().IsMatch(regency), "The regency must be a code PP.KK, e.g. 35.23.");
        var scheme = Optional(query, "scheme");
        errors.Check("scheme", scheme is null || scheme.Length <= 64, "The scheme code is too long.");
        var page = Number(query, "page", 1, 1, 1_000_000, errors, "The page must be a number from 1.");
        var pageSize = Number(query, "pageSize", ReadModelFilter.DefaultPageSize, 1, ReadModelFilter.MaxPageSize, errors,
            $"The page size must be between 1 and {ReadModelFilter.MaxPageSize}.");
        return (new ReadModelFilter(year, province, regency, scheme?.ToUpperInvariant(), page, pageSize, signedYear), errors);
    }

    static int? Year(IQueryCollection query, string name, FieldErrors errors)
    {
        if (query[name].ToString() is not { Length: > 0 } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 2000 and <= 2100) return n;
        errors.Add(name, $"The {name} must be a number between 2000 and 2100.");
        return null;
    }

    /// <summary>
    /// A filter a view cannot honour is an error, not silently ignored: the caller would take the unfiltered
    /// figures for filtered ones.
    /// </summary>
    public static void RefuseNotApplicable(IQueryCollection query, FieldErrors errors, string why, IEnumerable<string> filters)
    {
        foreach (var name in filters)
            if (Optional(query, name) is not null)
                errors.Add(name, $"The {name} filter does not apply to this view: {why}.");
    }

    static string? Optional(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

    static int Number(IQueryCollection query, string name, int fallback, int min, int max, FieldErrors errors, string message)
    {
        if (query[name].ToString() is not { Length: > 0 } text) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(name, message);
        return fallback;
    }

    [GeneratedRegex(@"^\d\d$")]
    private static partial Regex Province();

    [GeneratedRegex(@"^\d\d\.\d\d$")]
    private static partial Regex Regency();
}

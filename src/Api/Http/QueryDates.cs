using System.Globalization;
using Ledger.Api.Problems;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Api.Http;

/// <summary>
/// An effective date given in the query string of a write that has no body (<c>?acceptedOn=2022-03-14</c>): a
/// calendar day written <c>yyyy-MM-dd</c>, or nothing for today. A day that does not parse is a 400 naming the field.
/// </summary>
public static class QueryDates
{
    /// <summary>The 400 problem for a <paramref name="field"/> that is not a day; Wolverine's "no problems" otherwise.</summary>
    public static ProblemDetails Judge(HttpContext http, string field) =>
        new FieldErrors().Check(field, TryRead(http.Request.Query[field], out _), $"The field {field} is a day written yyyy-MM-dd, e.g. 2022-03-14.").Outcome();

    /// <summary>The day given, or null when none was.</summary>
    public static DateOnly? Read(string? text) =>
        TryRead(text, out var day) ? day : throw new BadHttpRequestException($"'{text}' is not a day written yyyy-MM-dd.");

    static bool TryRead(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        day = parsed;
        return true;
    }
}

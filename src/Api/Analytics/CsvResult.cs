using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Ledger.Api.Analytics;

/// <summary>
/// Rows of a read-model record as CSV (RFC 4180: a header row, CRLF line ends, fields with a comma, quote or
/// line break quoted, quotes doubled); lists are joined with <c>;</c>. The read models hold no personal data.
/// </summary>
public sealed class CsvResult<T>(IEnumerable<T> rows, long? total = null) : IResult
{
    public const string ContentType = "text/csv";

    static readonly PropertyInfo[] Columns = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = $"{ContentType}; charset=utf-8";
        if (total is { } t) http.Response.Headers["X-Total-Count"] = t.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendJoin(',', Columns.Select(c => Quote(char.ToLowerInvariant(c.Name[0]) + c.Name[1..]))).Append("\r\n");
        foreach (var row in rows)
            text.AppendJoin(',', Columns.Select(c => Quote(Format(c.GetValue(row))))).Append("\r\n");
        await http.Response.WriteAsync(text.ToString(), Encoding.UTF8, http.RequestAborted);
    }

    static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(';', items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? "",
    };

    static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}

public static class Csv
{
    /// <summary>True when the client asks for CSV: <c>Accept: text/csv</c>, or <c>?format=csv</c> for a plain download link.</summary>
    public static bool Wanted(HttpRequest request) =>
        string.Equals(request.Query["format"].ToString(), "csv", StringComparison.OrdinalIgnoreCase) ||
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(CsvResult<object>.ContentType, StringComparison.OrdinalIgnoreCase));
}

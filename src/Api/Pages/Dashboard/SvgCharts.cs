using System.Globalization;
using Ledger.Api.Pages.Html;
using Ledger.Projections.TargetProgress;

namespace Ledger.Api.Pages.Dashboard;

/// <summary>One bar: its label, its value, and the text shown beside it.</summary>
public sealed record Bar(string Key, string Label, decimal Value, string Shown);

/// <summary>
/// Charts drawn on the server as SVG, through <see cref="HtmlWriter"/> so every label is encoded. Each mark carries
/// its number in <c>data-value</c> and a <c>&lt;title&gt;</c>, so the numbers can be read by people and by tests.
/// </summary>
public static class SvgCharts
{
    static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Horizontal bars (they fit a phone better than columns), scaled to the largest value or <paramref name="max"/>.</summary>
    public static void Bars(HtmlWriter w, string name, string title, IReadOnlyList<Bar> bars, decimal? max = null)
    {
        const int width = 600, labelWidth = 220, row = 24, valueWidth = 90;
        var height = Math.Max(1, bars.Count) * row + 8;
        var top = max ?? (bars.Count == 0 ? 1 : Math.Max(1, bars.Max(b => b.Value)));
        w.Open("svg", ("class", "chart bars"), ("data-chart", name), ("viewBox", $"0 0 {width} {height}"), ("role", "img"), ("aria-label", title))
            .Element("title", title);
        if (bars.Count == 0) w.Element("text", "—", ("x", 4), ("y", 18));
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = 4 + i * row;
            var length = (double)(b.Value / top) * (width - labelWidth - valueWidth);
            w.Open("g", ("class", "bar"), ("data-key", b.Key), ("data-label", b.Label), ("data-value", b.Value))
                .Element("title", $"{b.Label}: {b.Shown}")
                .Element("text", b.Label.Length > 30 ? b.Label[..29] + "…" : b.Label, ("x", labelWidth - 6), ("y", y + 15), ("text-anchor", "end"))
                .Element("rect", null, ("x", labelWidth), ("y", y + 3), ("width", N(Math.Max(length, 1))), ("height", row - 8))
                .Element("text", b.Shown, ("x", N(labelWidth + length + 6)), ("y", y + 15), ("class", "value"))
                .Close("g");
        }
        w.Close("svg");
    }

    /// <summary>
    /// The year's cumulative certified count by month against the target's even pace (zero on 1 January to the
    /// target on 31 December), and the forecast from the last month drawn to the year's end.
    /// </summary>
    public static void Progress(HtmlWriter w, YearProgress year, int lastMonth)
    {
        const int width = 600, height = 280, left = 56, right = 16, top = 16, bottom = 32;
        var months = year.Months.Where(m => m.Month <= lastMonth).ToList();
        double max = Math.Max(1, Math.Max(year.Target, Math.Max(year.Forecast, months.Count == 0 ? 0 : months.Max(m => m.Cumulative))));
        double X(int month) => left + month * (width - left - right) / 12.0;
        double Y(double value) => top + (height - top - bottom) * (1 - value / max);

        w.Open("svg", ("class", "chart progress"), ("data-chart", "target-progress"), ("data-year", year.Year),
                ("viewBox", $"0 0 {width} {height}"), ("role", "img"), ("aria-label", $"Progress toward the {year.Year} target"))
            .Element("title", $"{year.Year}: {year.Certified} of {year.Target}, forecast {year.Forecast}");
        foreach (var tick in new[] { 0, 0.25, 0.5, 0.75, 1 })
            w.Element("line", null, ("class", "grid"), ("x1", left), ("x2", width - right), ("y1", N(Y(tick * max))), ("y2", N(Y(tick * max))))
                .Element("text", N(Math.Round(tick * max)), ("x", left - 4), ("y", N(Y(tick * max) + 4)), ("text-anchor", "end"), ("class", "axis"));
        for (var m = 1; m <= 12; m++)
            w.Element("text", m, ("x", N(X(m))), ("y", height - 12), ("text-anchor", "middle"), ("class", "axis"));

        w.Open("g", ("class", "target"), ("data-value", year.Target))
            .Element("title", $"Target {year.Target}")
            .Element("line", null, ("x1", N(X(0))), ("y1", N(Y(0))), ("x2", N(X(12))), ("y2", N(Y(year.Target))))
            .Element("text", $"Target {year.Target}", ("x", N(X(12) - 4)), ("y", N(Y(year.Target) - 6)), ("text-anchor", "end"))
            .Close("g");

        var points = string.Join(' ', new[] { $"{N(X(0))},{N(Y(0))}" }.Concat(months.Select(m => $"{N(X(m.Month))},{N(Y(m.Cumulative))}")));
        w.Open("g", ("class", "cumulative"), ("data-value", year.Certified))
            .Element("polyline", null, ("points", points));
        foreach (var m in months)
            w.Open("circle", ("class", "point"), ("data-month", m.Month), ("data-value", m.Cumulative),
                    ("cx", N(X(m.Month))), ("cy", N(Y(m.Cumulative))), ("r", 3))
                .Element("title", $"{m.Month}: {m.Cumulative}")
                .Close("circle");
        w.Close("g");

        var fromMonth = months.Count == 0 ? 0 : months[^1].Month;
        var fromValue = months.Count == 0 ? 0 : months[^1].Cumulative;
        w.Open("g", ("class", "forecast"), ("data-value", year.Forecast))
            .Element("title", $"Forecast {year.Forecast}")
            .Element("line", null, ("x1", N(X(fromMonth))), ("y1", N(Y(fromValue))), ("x2", N(X(12))), ("y2", N(Y(year.Forecast))))
            .Element("text", $"Forecast {year.Forecast}", ("x", N(X(12) - 4)), ("y", N(Y(year.Forecast) + 16)), ("text-anchor", "end"))
            .Close("g");
        w.Close("svg");
    }
}

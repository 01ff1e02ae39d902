using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ledger.Api.Telemetry;

/// <summary>
/// The ledger's own instruments, on the meter <c>Ledger</c>, beside those ASP.NET Core, Npgsql, Marten and Wolverine
/// bring: how long an append takes to commit (<c>ledger.append.duration</c>) and the requests answered with an error
/// (<c>ledger.http.errors</c>). An instrument nobody listens to records nothing.
/// </summary>
public sealed class LedgerMetrics
{
    /// <summary>The meter's name, the one a metrics pipeline subscribes to.</summary>
    public const string MeterName = "Ledger";

    /// <summary>Bucket boundaries in seconds, from a millisecond to ten seconds, as ASP.NET Core's own durations use.</summary>
    static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    readonly Histogram<double> appendDuration;
    readonly Counter<long> httpErrors;

    public LedgerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        appendDuration = meter.CreateHistogram(
            "ledger.append.duration", "s",
            "Time from saving a session that appends events to its commit: the events, their hash chain, the inline verification view and the outbox, in one transaction.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        httpErrors = meter.CreateCounter<long>(
            "ledger.http.errors", "{request}",
            "Requests answered with a client (4xx) or server (5xx) error, by status code, method and route.");
    }

    /// <summary>Whether anyone listens to the append duration (only then is an append timed).</summary>
    public bool AppendsMeasured => appendDuration.Enabled;

    /// <summary>One committed append that took <paramref name="elapsed"/>, appending <paramref name="events"/> events.</summary>
    public void AppendCommitted(TimeSpan elapsed, int events) =>
        appendDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("ledger.append.events", EventsBucket(events)));

    /// <summary>One request answered with <paramref name="status"/>; the route is its template, never the path itself.</summary>
    public void RequestFailed(int status, string method, string? route)
    {
        var tags = new TagList
        {
            { "http.response.status_code", status },
            { "http.request.method", KnownMethod(method) },
        };
        if (route is not null) tags.Add("http.route", route);
        httpErrors.Add(1, tags);
    }

    // Any other method a client makes up is counted as one, as OpenTelemetry's HTTP conventions do.
    static string KnownMethod(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method)
        || HttpMethods.IsPatch(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            ? HttpMethods.GetCanonicalizedValue(method)
            : "_OTHER";

    // How many events one commit appended, in a few classes, so the tag stays cheap to aggregate.
    static string EventsBucket(int events) => events switch
    {
        <= 1 => "1",
        <= 10 => "2-10",
        <= 100 => "11-100",
        _ => "100+",
    };
}

using System.Globalization;
using JasperFx.Events;
using Ledger.Api.Problems;
using Ledger.Domain;

namespace Ledger.Api.Audit;

/// <summary>
/// Where an auditor cuts a stream's history, on two axes. The ledger's axis: what it had recorded by a <c>version</c> or
/// by an instant (<c>recordedAsOf</c>). The world's axis: what had happened by a day (<c>asOf</c>), each event counted
/// on the day its fact happened (its effective date), whenever it was recorded. The two combine: "what did the ledger,
/// as it stood on 1 March 2025, say was true on 31 December 2022".
/// </summary>
public sealed record HistoryCut(long? Version, DateTimeOffset? RecordedAsOf, DateOnly? AsOf)
{
    public const string Description =
        "Two axes of time. `asOf` (a day, YYYY-MM-DD) cuts by the world: only facts that had happened by that day, " +
        "each on its effective date (the day it happened, which may be long before it was recorded), and the status on " +
        "that day. `recordedAsOf` (an instant, ISO 8601) or `version` cut by the ledger: only what had been recorded by " +
        "then. `asOf` combines with either; `version` and `recordedAsOf` exclude each other. Every event shows both its " +
        "`effectiveOn` and its `recordedAt`.";

    public bool IsLatest => Version is null && RecordedAsOf is null && AsOf is null;

    /// <summary>The cut from the query's words, or the errors that name what is wrong with them.</summary>
    public static HistoryCut Parse(long? version, DateTimeOffset? recordedAsOf, string? asOf, FieldErrors errors, string versionField = "version")
    {
        errors.Check(versionField, version is null or >= 1, $"The {versionField} must be 1 or more.")
            .Check("recordedAsOf", version is null || recordedAsOf is null,
                $"Give either {versionField} or an instant (recordedAsOf), not both: each cuts what the ledger had recorded.");
        DateOnly? day = null;
        if (asOf is not null)
        {
            if (DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) day = parsed;
            else errors.Add("asOf", $"'{asOf}' is not a day: asOf is a day in the world, written YYYY-MM-DD (e.g. 2023-01-26). " +
                "To ask what the ledger had recorded by an instant, use recordedAsOf.");
        }
        return new HistoryCut(version, recordedAsOf, day);
    }

    /// <summary>The day a fact happened: its effective date, else the day it was recorded in Asia/Jakarta.</summary>
    public static DateOnly EffectiveOn(IEvent e) => e.Data is IDatedFact dated ? dated.EffectiveOn : Days.InJakarta(e.Timestamp);

    /// <summary>The events recorded by the ledger's cut (already applied by the fetch) that had happened by <see cref="AsOf"/>.</summary>
    public IReadOnlyList<IEvent> InTheWorld(IReadOnlyList<IEvent> recorded) =>
        AsOf is { } day ? recorded.Where(e => EffectiveOn(e) <= day).ToList() : recorded;

    /// <summary>The day a status is judged on: the world's day asked for, else the recording cut's day, else the last event's.</summary>
    public DateOnly StatusDay(IReadOnlyList<IEvent> events) =>
        AsOf ?? Days.InJakarta(RecordedAsOf ?? (events.Count > 0 ? events[^1].Timestamp : DateTimeOffset.UtcNow));

    /// <summary>"by 2023-01-26" or "as recorded by 2025-03-01T00:00:00Z": the cut in words, for a 404.</summary>
    public string InWords() => string.Join(", ", new[]
    {
        AsOf is { } day ? $"by {day:yyyy-MM-dd}" : null,
        RecordedAsOf is { } at ? $"as recorded by {at:O}" : null,
        Version is { } v ? $"at version {v}" : null,
    }.OfType<string>());
}

namespace Ledger.Domain;

/// <summary>
/// An event that carries the day its fact happened in the world (its effective date), beside the moment the ledger
/// recorded it. Events recorded before effective dates were kept carry none: they read as the day they were recorded,
/// in Asia/Jakarta.
/// </summary>
public interface IDatedFact
{
    DateOnly EffectiveOn { get; }
}

/// <summary>The latest fact a stream holds, by the day it happened: what no later-recorded fact may precede.</summary>
/// <param name="Name">The fact in a registrar's words ("decision", "issue", "handover").</param>
public sealed record LatestFact(string Name, DateOnly On)
{
    /// <summary>The later of <paramref name="latest"/> and a fact of <paramref name="name"/> on <paramref name="on"/>.</summary>
    public static LatestFact Of(LatestFact? latest, string name, DateOnly on) => latest is null || on >= latest.On ? new(name, on) : latest;
}

/// <summary>The rules every effective date keeps: given or today in Asia/Jakarta, never in the future, never before what it follows.</summary>
public static class EffectiveDates
{
    /// <summary>The day a command's fact happened: the day given, else the day of <paramref name="at"/> in Asia/Jakarta.</summary>
    public static DateOnly DayOf(DateOnly? given, DateTimeOffset at) => given ?? Days.InJakarta(at);

    /// <summary>
    /// The effective date of a command's fact (<paramref name="what"/>, e.g. "issue"): the day given, else today in
    /// Asia/Jakarta; refused when it is after today there.
    /// </summary>
    public static DateOnly Judge(DateOnly? given, DateTimeOffset at, string what)
    {
        var today = Days.InJakarta(at);
        var day = given ?? today;
        if (day > today)
            throw new DomainException($"The {what} date {day:yyyy-MM-dd} is in the future: today is {today:yyyy-MM-dd} in Asia/Jakarta.");
        return day;
    }

    /// <summary>Refuses a fact (<paramref name="what"/> on <paramref name="day"/>) dated before <paramref name="earlier"/>.</summary>
    public static DateOnly NotBefore(this DateOnly day, string what, LatestFact? earlier)
    {
        if (earlier is not null && day < earlier.On)
            throw new DomainException($"The {what} date {day:yyyy-MM-dd} precedes the {earlier.Name} of {earlier.On:yyyy-MM-dd}.");
        return day;
    }

    /// <summary>Refuses a fact dated before <paramref name="earlier"/>, a fact named <paramref name="earlierName"/>.</summary>
    public static DateOnly NotBefore(this DateOnly day, string what, string earlierName, DateOnly earlier) =>
        day.NotBefore(what, new LatestFact(earlierName, earlier));
}

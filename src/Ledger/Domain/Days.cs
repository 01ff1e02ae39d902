namespace Ledger.Domain;

/// <summary>
/// Calendar days, by the calendar of Western Indonesia (Asia/Jakarta), where the ledger's LSPs sit: a command's
/// today, a certificate's dates and the day an old event was recorded are all read there.
/// </summary>
public static class Days
{
    /// <summary>The calendar certificates are judged by.</summary>
    public static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    /// <summary>The day of <paramref name="at"/> in the offset it carries.</summary>
    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.DateTime);

    /// <summary>The day <paramref name="at"/> falls on in Asia/Jakarta, whatever offset it carries.</summary>
    public static DateOnly InJakarta(DateTimeOffset at) => Of(TimeZoneInfo.ConvertTime(at, Jakarta));

    /// <summary>Today in Asia/Jakarta, by <paramref name="time"/>.</summary>
    public static DateOnly TodayInJakarta(TimeProvider time) => InJakarta(time.GetUtcNow());

    /// <summary>The first moment of <paramref name="day"/> in Asia/Jakarta.</summary>
    public static DateTimeOffset StartInJakarta(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Jakarta.GetUtcOffset(midnight));
    }
}

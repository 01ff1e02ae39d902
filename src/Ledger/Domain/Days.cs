namespace Ledger.Domain;

/// <summary>
/// Calendar days. A command's day is read in the command's own offset (the registrar's local day); a certificate's
/// dates are judged by the calendar of Western Indonesia (Asia/Jakarta), where the ledger's LSPs sit.
/// </summary>
public static class Days
{
    /// <summary>The calendar certificates are judged by.</summary>
    public static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.DateTime);

    /// <summary>Today in Asia/Jakarta, by <paramref name="time"/>.</summary>
    public static DateOnly TodayInJakarta(TimeProvider time) => Of(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Jakarta));

    /// <summary>The first moment of <paramref name="day"/> in Asia/Jakarta.</summary>
    public static DateTimeOffset StartInJakarta(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Jakarta.GetUtcOffset(midnight));
    }
}

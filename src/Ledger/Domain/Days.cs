namespace Ledger.Domain;

/// <summary>The calendar day of a command's moment, in the command's own offset (the registrar's local day).</summary>
public static class Days
{
    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.DateTime);
}

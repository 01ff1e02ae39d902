namespace Ledger.Testing;

/// <summary>A clock that moves only when a test moves it.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7))) { }

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset to) => now = to;
}

namespace Ledger.Bench;

/// <summary>A clock that moves on by a fixed step each time it is read, so that events spread over time.</summary>
public sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
{
    long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref ticks, step.Ticks), TimeSpan.Zero);
}

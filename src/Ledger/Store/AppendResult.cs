namespace Ledger.Store;

/// <summary>What a unit of work recorded: its events as stored, in order.</summary>
public sealed record AppendResult(IReadOnlyList<StoredEvent> Events)
{
    /// <summary>The version <paramref name="streamId"/> is at after the append.</summary>
    public long VersionOf(Guid streamId) =>
        Events.LastOrDefault(e => e.StreamId == streamId)?.Version
        ?? throw new InvalidOperationException($"Stream {streamId} was not part of this append.");

    /// <summary>The highest global sequence number written.</summary>
    public long LastSequence => Events.Count == 0 ? 0 : Events[^1].Sequence;
}

namespace Ledger.Store.Integrity;

/// <summary>What a verification pass found.</summary>
public sealed record IntegrityReport(
    long EventsChecked,
    long StreamsChecked,
    long CheckpointsChecked,
    long HighestSequence,
    LogPosition? SignedUpTo,
    IReadOnlyList<IntegrityFailure> Failures)
{
    public bool Intact => Failures.Count == 0;

    /// <summary>
    /// The first event that does not match, in the global order; when every event matches its chain, the
    /// first checkpoint that does not (events removed or added wholesale, a forged signature).
    /// </summary>
    public IntegrityFailure? FirstFailure =>
        Failures.Where(f => f.Checkpoint is null).OrderBy(f => f.Sequence ?? long.MaxValue).FirstOrDefault()
        ?? Failures.OrderBy(f => f.Checkpoint).FirstOrDefault();

    public string Summary => Intact
        ? $"intact up to position {HighestSequence}: {EventsChecked} events in {StreamsChecked} streams, " +
          $"{CheckpointsChecked} signed checkpoints" + (SignedUpTo is { } p ? $" (signed up to position {p.Sequence})" : "")
        : $"NOT intact: {FirstFailure!.Description} ({Failures.Count} failure(s) found)";
}

/// <summary>
/// One check that failed. <see cref="Check"/> is one of <c>event-hash</c> (an event's data, metadata, type,
/// time or hash differs from what was recorded), <c>missing-version</c> (an event was removed or renumbered),
/// <c>stream-head</c>, <c>checkpoint-range</c> (events covered by a checkpoint were added, removed or
/// reordered), <c>checkpoint-chain</c> or <c>checkpoint-signature</c>.
/// </summary>
public sealed record IntegrityFailure(
    string Check,
    string Description,
    Guid? StreamId = null,
    long? Version = null,
    long? Sequence = null,
    long? Checkpoint = null);

namespace Ledger.Integrity;

/// <summary>What a verification pass found.</summary>
/// <param name="HighestPosition">The highest <c>seq_id</c> checked.</param>
/// <param name="SignedUpTo">The position of the last checkpoint that verified, if any.</param>
/// <param name="Failures">The failures found, in the order of the log, at most <see cref="LedgerIntegrity.MaxFailuresListed"/>.</param>
/// <param name="FailureCount">How many failures were found in all.</param>
public sealed record IntegrityReport(
    long EventsChecked,
    long StreamsChecked,
    long CheckpointsChecked,
    long HighestPosition,
    long? SignedUpTo,
    IReadOnlyList<IntegrityFailure> Failures,
    long FailureCount,
    TimeSpan Elapsed)
{
    public bool Intact => FailureCount == 0;

    /// <summary>
    /// The first event that does not match, in the order of the log; when every event matches its chain, the
    /// first checkpoint that does not (events removed or added wholesale, a forged signature).
    /// </summary>
    public IntegrityFailure? FirstFailure =>
        Failures.Where(f => f.Checkpoint is null).OrderBy(f => f.Position ?? long.MaxValue).FirstOrDefault()
        ?? Failures.OrderBy(f => f.Checkpoint).FirstOrDefault();

    /// <summary>Events checked per second.</summary>
    public double Rate => EventsChecked / Math.Max(Elapsed.TotalSeconds, 0.001);

    public string Summary => Intact
        ? $"intact up to position {HighestPosition}: {EventsChecked} events in {StreamsChecked} streams, " +
          $"{CheckpointsChecked} signed checkpoints" + (SignedUpTo is { } p ? $" (signed up to position {p})" : "")
        : $"NOT intact: {FailureCount} failure(s), the first: {FirstFailure!.Description}";
}

/// <summary>
/// One check that failed, with the event (stream, version, position = <c>seq_id</c>) or the checkpoint it is about.
/// <see cref="Check"/> is one of <see cref="IntegrityChecks"/>.
/// </summary>
public sealed record IntegrityFailure(
    string Check,
    string Description,
    Guid? StreamId = null,
    long? Version = null,
    long? Position = null,
    long? Checkpoint = null);

/// <summary>The checks a verification makes, by the names its failures carry.</summary>
public static class IntegrityChecks
{
    /// <summary>An event's data, metadata, type, version, stream or time (or its recorded hash) differs from what was hashed.</summary>
    public const string EventHash = "event-hash";

    /// <summary>An event's recorded <c>prev_hash</c> is not the hash of the event before it in its stream: that one was replaced or rehashed.</summary>
    public const string PreviousHash = "prev-hash";

    /// <summary>A stream skips a version: an event was removed or renumbered.</summary>
    public const string MissingVersion = "missing-version";

    /// <summary>A stream's recorded version (<c>mt_streams.version</c>) is not its last event's.</summary>
    public const string StreamHead = "stream-head";

    /// <summary>The events under a signed checkpoint were added, removed, changed or reordered.</summary>
    public const string CheckpointRange = "checkpoint-range";

    /// <summary>A checkpoint does not follow the one before it.</summary>
    public const string CheckpointChain = "checkpoint-chain";

    /// <summary>A checkpoint is not signed by the ledger's key.</summary>
    public const string CheckpointSignature = "checkpoint-signature";
}

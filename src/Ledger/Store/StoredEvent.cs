namespace Ledger.Store;

/// <summary>An event as it stands in the store.</summary>
/// <param name="Sequence">Its place in the global order (the <c>seq</c> column).</param>
/// <param name="StreamId">The stream it belongs to.</param>
/// <param name="Version">Its place in the stream, from 1.</param>
/// <param name="Type">Its stable stored name, e.g. <c>certificate_revoked</c>.</param>
/// <param name="Data">The event, read as its current CLR shape (after upcasting); <see cref="UnknownEvent"/> when the name is not registered.</param>
/// <param name="Metadata">Actor, reason, correlation and causation.</param>
/// <param name="RecordedAt">When the store recorded it.</param>
/// <param name="TransactionId">The PostgreSQL transaction that wrote it.</param>
public sealed record StoredEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt,
    ulong TransactionId);

/// <summary>An event whose stored name this process does not know; folds ignore it.</summary>
public sealed record UnknownEvent(string Type, string Json);

/// <summary>An event about to be appended, as inline projections see it (its global sequence is not known yet).</summary>
public sealed record PendingEvent(
    Guid StreamId,
    string StreamType,
    long Version,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt);

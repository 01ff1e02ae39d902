namespace Ledger.Store;

/// <summary>
/// A unit of work: the streams started and appended to here commit together, with the inline projections
/// they feed, in one transaction, or none of them does.
/// </summary>
public sealed class EventSession(EventStore store, EventMetadata metadata)
{
    readonly List<StreamAppend> appends = [];

    public EventMetadata Metadata { get; } = metadata;

    public IReadOnlyList<StreamAppend> Pending => appends;

    /// <summary>Starts a stream of <typeparamref name="T"/>'s type; fails if it already exists.</summary>
    public EventSession StartStream<T>(Guid streamId, params object[] events) where T : IAggregate<T> =>
        Add(new StreamAppend(streamId, T.StreamType, ExpectedVersion.NoStream, events));

    /// <summary>Starts a stream of the given type; fails if it already exists.</summary>
    public EventSession StartStream(Guid streamId, string streamType, params object[] events) =>
        Add(new StreamAppend(streamId, streamType, ExpectedVersion.NoStream, events));

    /// <summary>Appends to a stream that must be at <paramref name="expectedVersion"/> (see <see cref="ExpectedVersion"/>).</summary>
    public EventSession Append(Guid streamId, long expectedVersion, params object[] events) =>
        Add(new StreamAppend(streamId, null, expectedVersion, events));

    /// <summary>Appends to a stream of <typeparamref name="T"/>'s type, creating it if <paramref name="expectedVersion"/> allows.</summary>
    public EventSession Append<T>(Guid streamId, long expectedVersion, params object[] events) where T : IAggregate<T> =>
        Add(new StreamAppend(streamId, T.StreamType, expectedVersion, events));

    /// <summary>Appends whatever the stream's version is.</summary>
    public EventSession Append(Guid streamId, params object[] events) => Append(streamId, ExpectedVersion.Any, events);

    public Task<AppendResult> SaveChangesAsync(CancellationToken ct = default) => store.CommitAsync(appends, Metadata, ct);

    EventSession Add(StreamAppend append)
    {
        if (append.Events.Count == 0)
            throw new ArgumentException($"An append to stream {append.StreamId} needs at least one event.");
        if (append.ExpectedVersion < ExpectedVersion.Any)
            throw new ArgumentOutOfRangeException(nameof(append), $"Expected version {append.ExpectedVersion} is not a version.");
        if (appends.Any(a => a.StreamId == append.StreamId))
            throw new InvalidOperationException($"Stream {append.StreamId} is already part of this unit of work; append all its events at once.");
        appends.Add(append);
        return this;
    }
}

/// <summary>Events bound for one stream within a unit of work.</summary>
public sealed record StreamAppend(Guid StreamId, string? StreamType, long ExpectedVersion, IReadOnlyList<object> Events);

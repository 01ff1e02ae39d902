namespace Ledger.Store;

/// <summary>
/// An append was made against a stream version that is no longer current: another writer got there first.
/// The caller reloads the stream, decides again and retries; the store never retries it blindly.
/// </summary>
public sealed class ConcurrencyException(Guid streamId, long expectedVersion, long actualVersion)
    : Exception(Describe(streamId, expectedVersion, actualVersion))
{
    public Guid StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;
    public long ActualVersion { get; } = actualVersion;

    static string Describe(Guid streamId, long expected, long actual) => expected switch
    {
        Store.ExpectedVersion.NoStream =>
            $"Stream {streamId} was expected not to exist, but it is at version {actual}.",
        _ => $"Stream {streamId} was expected at version {expected}, but it is at version {actual}.",
    };
}

using JasperFx.Events;
using IEventOperations = Marten.Events.IEventOperations;

namespace Ledger.Marten;

/// <summary>
/// The one translation between the API's versions and Marten's. An ETag or If-Match names the version a client
/// saw: the number of events the stream held. Marten's <c>Append(id, expectedVersion, ...)</c> takes the version the
/// stream will hold after the append. (<c>FetchForWriting(id, version)</c>, which the commands use, takes the version
/// seen, as the API does.)
/// </summary>
public static class StreamAppends
{
    /// <summary>Appends <paramref name="events"/> to a stream that must still be at <paramref name="seenVersion"/> when the session saves.</summary>
    public static StreamAction AppendAtSeenVersion(this IEventOperations operations, Guid streamId, long seenVersion, params object[] events) =>
        operations.Append(streamId, seenVersion + events.Length, events);
}

using JasperFx.Events;
using Marten;

namespace Ledger.Api.Audit;

/// <summary>Events recorded in [from, to), after a global position, in global order.</summary>
public static class EventsInTimeRange
{
    public static async Task<IReadOnlyList<IEvent>> ReadAsync(
        IQuerySession session, DateTimeOffset? from, DateTimeOffset? to, long after, int limit, CancellationToken ct)
    {
        var events = session.Events.QueryAllRawEvents().Where(e => e.Sequence > after);
        if (from is { } start) events = events.Where(e => e.Timestamp >= start);
        if (to is { } end) events = events.Where(e => e.Timestamp < end);
        return await events.OrderBy(e => e.Sequence).Take(limit).ToListAsync(ct).ConfigureAwait(false);
    }
}

namespace Ledger.Store.Schema;

/// <summary>
/// <c>events</c>: every event ever recorded. <c>seq</c> is the global order; <c>tx_id</c> is the
/// writing transaction, which lets readers stay behind transactions still in flight.
/// </summary>
public static class EventsTable
{
    public static readonly Migration Create = new(2, "events table", s => $"""
        create table {s}.events (
            seq          bigint generated always as identity primary key,
            stream_id    uuid not null,
            version      bigint not null check (version > 0),
            type         text not null,
            data         jsonb not null,
            metadata     jsonb not null,
            recorded_at  timestamptz not null,
            tx_id        xid8 not null default pg_current_xact_id(),
            constraint events_stream_version unique (stream_id, version)
        );
        create index events_tx_order on {s}.events (tx_id, seq);
        create index events_recorded_at on {s}.events using brin (recorded_at);
        """);
}

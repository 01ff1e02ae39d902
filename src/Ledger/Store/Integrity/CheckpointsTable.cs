using Ledger.Store.Schema;

namespace Ledger.Store.Integrity;

/// <summary><c>checkpoints</c>: append-only; updates and deletes are refused by a trigger (and would break the signatures anyway).</summary>
public static class CheckpointsTable
{
    public static readonly Migration Create = new(400, "signed checkpoints", s => $$"""
        create table {{s}}.checkpoints (
            number       bigint primary key check (number > 0),
            tx_id        xid8 not null,
            seq          bigint not null,
            event_count  bigint not null,
            range_root   bytea not null,
            previous     bytea not null,
            signature    bytea not null,
            key_id       text not null,
            created_at   timestamptz not null
        );
        create function {{s}}.refuse_checkpoint_change() returns trigger language plpgsql as $fn$
        begin
            raise exception 'checkpoints are append-only';
        end
        $fn$;
        create trigger checkpoints_append_only before update or delete on {{s}}.checkpoints
            for each row execute function {{s}}.refuse_checkpoint_change();
        """);
}

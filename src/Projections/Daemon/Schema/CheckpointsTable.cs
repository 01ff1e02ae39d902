using Ledger.Store.Schema;

namespace Ledger.Projections.Daemon.Schema;

/// <summary>
/// <c>projection_checkpoints</c>: one row per async projection, the log position its read model reflects.
/// The row is advanced in the same transaction as the read model's writes, so a restart resumes exactly there.
/// </summary>
public static class CheckpointsTable
{
    public static readonly Migration Create = new(200, "projection checkpoints", s => $"""
        create table {s}.projection_checkpoints (
            name            text primary key,
            tx_id           xid8 not null default '0',
            seq             bigint not null default 0,
            events_applied  bigint not null default 0,
            updated_at      timestamptz not null default now(),
            rebuilt_at      timestamptz
        );
        """);
}

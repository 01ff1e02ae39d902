using Ledger.Store.Schema;

namespace Ledger.Projections.Daemon.Schema;

/// <summary><c>projection_dead_letters</c>: events a projection failed to apply, with the error, kept for a person to look at.</summary>
public static class DeadLettersTable
{
    public static readonly Migration Create = new(201, "projection dead letters", s => $"""
        create table {s}.projection_dead_letters (
            projection  text not null,
            seq         bigint not null,
            stream_id   uuid not null,
            version     bigint not null,
            type        text not null,
            error       text not null,
            at          timestamptz not null default now(),
            primary key (projection, seq)
        );
        """);
}

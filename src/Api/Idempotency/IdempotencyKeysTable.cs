using Ledger.Store.Schema;

namespace Ledger.Api.Idempotency;

/// <summary>
/// <c>idempotency_keys</c>: one row per caller and key. A row without <c>completed_at</c> is a request in
/// flight (its primary key stops a duplicate from running alongside); a completed row holds the first answer.
/// </summary>
public static class IdempotencyKeysTable
{
    public static readonly Migration Create = new(300, "idempotency keys", s => $"""
        create table {s}.idempotency_keys (
            caller        text not null,
            key           text not null,
            request_hash  bytea not null,
            started_at    timestamptz not null default now(),
            completed_at  timestamptz,
            status        int,
            headers       jsonb,
            body          bytea,
            primary key (caller, key)
        );
        create index idempotency_keys_started_at on {s}.idempotency_keys (started_at);
        """);

    public static IReadOnlyList<Migration> Migrations { get; } = [Create];
}

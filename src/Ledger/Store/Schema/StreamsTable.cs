namespace Ledger.Store.Schema;

/// <summary><c>streams</c>: one row per stream with its type and current version.</summary>
public static class StreamsTable
{
    public static readonly Migration Create = new(1, "streams table", s => $"""
        create table {s}.streams (
            id          uuid primary key,
            type        text not null,
            version     bigint not null check (version > 0),
            created_at  timestamptz not null,
            updated_at  timestamptz not null
        );
        """);
}

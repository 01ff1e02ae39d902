namespace Ledger.Store.Schema;

/// <summary><c>schema_versions</c>: which migrations have been applied, and when.</summary>
public static class SchemaVersionsTable
{
    public static string Create(string s) => $"""
        create schema if not exists {s};
        create table if not exists {s}.schema_versions (
            version     int primary key,
            description text not null,
            applied_at  timestamptz not null default now()
        );
        """;
}

using Npgsql;

namespace Ledger.Marten;

/// <summary>
/// Where the ledger's own tables sit beside Marten's: the data source and the schema. Read models, personal
/// data keys and checkpoints are plain tables that Marten's schema management creates; their queries run
/// through this, on the primary or on a replica.
/// </summary>
public sealed record LedgerDatabase(NpgsqlDataSource DataSource, string Schema)
{
    /// <summary>The schema name quoted for SQL (<c>"ledger"</c>).</summary>
    public string Quoted { get; } = Quote(Schema);

    /// <summary>A schema name quoted for SQL.</summary>
    public static string Quote(string schema) => "\"" + schema.Replace("\"", "\"\"") + "\"";
}

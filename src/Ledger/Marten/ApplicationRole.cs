using Ledger.Integrity;
using Npgsql;

namespace Ledger.Marten;

/// <summary>
/// What the role the application connects as may do in the ledger's schema, when another role (the owner, which runs
/// the migrations) owns it: read every table, append events, write read models, Wolverine's envelopes and the other
/// working tables, take sequence numbers, call the schema's functions. It cannot change or delete a recorded event
/// (only Marten's <c>is_archived</c> flag may change), change or delete a signed checkpoint, or create, alter or
/// drop anything: only a table's owner may alter it or disable its triggers. The owner grants this after each migration;
/// tables it makes afterwards (a rebuilt read model) are granted by default.
/// </summary>
public static class ApplicationRole
{
    /// <summary>Grants <paramref name="role"/> what the application needs in <paramref name="schema"/>, through a connection of the schema's owner.</summary>
    public static async Task GrantAsync(NpgsqlDataSource owner, string schema, string role, CancellationToken ct = default)
    {
        var (s, r) = (LedgerDatabase.Quote(schema), LedgerDatabase.Quote(role));
        await using var batch = owner.CreateBatch();
        foreach (var statement in new[]
        {
            $"GRANT USAGE ON SCHEMA {s} TO {r}",
            $"REVOKE CREATE ON SCHEMA {s} FROM {r}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
            $"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
            $"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {r}",
            // Tables the owner makes later (a read model rebuilt into a new table, say) are the application's to write too.
            $"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
            $"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {r}",
            $"REVOKE UPDATE, DELETE, TRUNCATE ON {s}.mt_events FROM {r}",
            $"GRANT UPDATE (is_archived) ON {s}.mt_events TO {r}",
            $"REVOKE UPDATE, DELETE, TRUNCATE ON {s}.{CheckpointsTable.TableName} FROM {r}",
        })
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        await batch.ExecuteNonQueryAsync(ct);
    }
}

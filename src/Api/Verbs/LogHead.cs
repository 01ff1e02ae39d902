using Ledger.Marten;

namespace Ledger.Api.Verbs;

/// <summary>The last position in the ledger's log: about how far a verb that reads the whole log goes, for its progress lines.</summary>
public static class LogHead
{
    public static async Task<long> ReadAsync(LedgerDatabase database)
    {
        await using var head = database.DataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {database.Quoted}.mt_events");
        return (long)(await head.ExecuteScalarAsync())!;
    }
}

using System.Text.RegularExpressions;
using Ledger.Marten;
using Ledger.Projections.Verification;
using Npgsql;

namespace Ledger.Projections.Credentials;

/// <summary>Where a certificate sits in the status lists.</summary>
public sealed record StatusEntry(int List, int Index);

/// <summary>One status list as it stands: its bits, the version of its last change and when that was.</summary>
public sealed record StatusListState(string Purpose, int Number, byte[] Bits, long Version, DateTimeOffset UpdatedAt)
{
    public string Name => StatusLists.Name(Purpose, Number);
}

/// <summary>Reads the status lists, and gives a certificate issued before they were kept its entry.</summary>
public sealed partial class CredentialStatusQuery(LedgerDatabase database)
{
    string S => database.Quoted;

    /// <summary>
    /// The certificate's entry. A certificate issued before the ledger kept status lists gets one now, its bits set from
    /// the verification view's status, under a lock of the view's row, so that a revocation or freeze committing
    /// meanwhile waits and then finds the entry. Null when the ledger has issued no certificate with this number.
    /// </summary>
    public async Task<StatusEntry?> EntryAsync(string number, CancellationToken ct = default)
    {
        if (await FindEntryAsync(number, ct).ConfigureAwait(false) is { } found) return found;

        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        string status;
        await using (var locking = new NpgsqlCommand($"select status from {S}.verification_view where certificate_number = $1 for update", connection, transaction))
        {
            locking.Parameters.AddWithValue(number);
            if (await locking.ExecuteScalarAsync(ct).ConfigureAwait(false) is not string s) return null;
            status = s;
        }
        await ExecuteAsync(connection, transaction, CredentialStatusTables.Allocate(S), ct, number, number).ConfigureAwait(false);
        var purpose = status switch
        {
            VerificationStatuses.Revoked => StatusLists.Revocation,
            VerificationStatuses.Frozen => StatusLists.Suspension,
            _ => null,
        };
        if (purpose is not null)
        {
            await ExecuteAsync(connection, transaction, CredentialStatusTables.EnsureList(S), ct, purpose, number).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, CredentialStatusTables.SetBit(S), ct, 1, number, purpose, 1).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return await FindEntryAsync(number, ct).ConfigureAwait(false);
    }

    async Task<StatusEntry?> FindEntryAsync(string number, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(CredentialStatusTables.FindEntry(S));
        command.Parameters.AddWithValue(number);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? new StatusEntry(reader.GetInt32(0), reader.GetInt32(1)) : null;
    }

    /// <summary>
    /// The list of <paramref name="purpose"/> numbered <paramref name="number"/>: all zeros while no bit of it was set;
    /// null when no certificate was given an index in it yet.
    /// </summary>
    public async Task<StatusListState?> ListAsync(string purpose, int number, CancellationToken ct = default)
    {
        await using var command = database.DataSource.CreateCommand($"""
            select l.bits, l.version, l.updated_at, exists (select 1 from {S}.{CredentialStatusTables.Entries} e where e.list_number = $2)
            from (select 1) one
            left join {S}.{CredentialStatusTables.Lists} l on l.purpose = $1 and l.list_number = $2
            """);
        command.Parameters.AddWithValue(purpose);
        command.Parameters.AddWithValue(number);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        if (!reader.IsDBNull(0))
            return new StatusListState(purpose, number, reader.GetFieldValue<byte[]>(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2));
        return reader.GetBoolean(3) ? new StatusListState(purpose, number, StatusLists.Empty(), 0, DateTimeOffset.UnixEpoch) : null;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        var position = 0;
        await using var command = new NpgsqlCommand(Placeholder().Replace(sql, _ => "$" + ++position), connection, transaction);
        foreach (var value in values) command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    [GeneratedRegex(@"\?")]
    private static partial Regex Placeholder();
}

using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Ledger.Projections.Daemon;

/// <summary>
/// Which node runs a projection: the one holding a session-level advisory lock on a dedicated connection.
/// The two-int key form (class, object) cannot collide with the store's single-bigint stream locks.
/// When the holder's process or connection dies, PostgreSQL releases the lock and another node takes it.
/// </summary>
public static class Leadership
{
    /// <summary>The lock class of projection leadership ("LP").</summary>
    public const int LeaderClass = 0x4C50;

    /// <summary>The lock class that keeps two rebuilds of one projection apart ("LR").</summary>
    public const int RebuildClass = 0x4C52;

    /// <summary>The object half of a projection's lock keys: a stable hash of schema and projection name.</summary>
    public static int KeyOf(string schema, string projection) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{schema}:{projection}")), 0);

    internal static async Task<bool> TryTakeAsync(NpgsqlConnection connection, int lockClass, int key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = lockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
    }
}

using Ledger.Api.Hosting;
using Ledger.Marten;
using Npgsql;

namespace Ledger.Api.Health;

/// <summary>
/// <c>replica</c> in <c>/health/ready</c> when a read replica is configured: whether it answers and is in
/// recovery (a standby), how many bytes of WAL it has still to replay, and the age of the last transaction
/// it replayed. Failing when it does not answer or is not a standby.
/// </summary>
public sealed class ReplicaLagCheck(ReadReplica replica, LedgerDatabase primary) : IReadinessCheck
{
    public string Name => "replica";

    public async Task<CheckResult> CheckAsync(CancellationToken ct)
    {
        try
        {
            await using var primaryWal = primary.DataSource.CreateCommand("select pg_current_wal_lsn()::text");
            var primaryLsn = (string)(await primaryWal.ExecuteScalarAsync(ct))!;
            await using var command = replica.Reads.DataSource.CreateCommand("""
                select pg_is_in_recovery(),
                       coalesce(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::bigint,
                       extract(epoch from now() - pg_last_xact_replay_timestamp())::float8
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = primaryLsn });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var standby = reader.GetBoolean(0);
            var data = new Dictionary<string, object?>
            {
                ["standby"] = standby,
                ["bytesBehind"] = Math.Max(0, reader.GetInt64(1)),
                ["secondsSinceLastReplay"] = reader.IsDBNull(2) ? null : Math.Round(reader.GetDouble(2), 3),
            };
            return new CheckResult(standby ? CheckResult.Ok : CheckResult.Failing, data);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return new CheckResult(CheckResult.Failing, new Dictionary<string, object?> { ["error"] = "the replica does not answer" });
        }
    }
}

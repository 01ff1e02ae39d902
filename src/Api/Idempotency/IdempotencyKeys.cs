using System.Text.Json;
using Ledger.Marten;
using Npgsql;

namespace Ledger.Api.Idempotency;

/// <summary>The statements on <c>idempotency_keys</c>, one method each.</summary>
public sealed class IdempotencyKeys(LedgerDatabase database)
{
    /// <summary>A stored first answer, or a request still in flight (<see cref="Completed"/> false).</summary>
    public sealed record Entry(byte[] RequestHash, DateTimeOffset StartedAt, bool Completed, int Status, Dictionary<string, string> Headers, byte[] Body);

    string Table => $"{database.Quoted}.idempotency_keys";

    /// <summary>Claims the key for this request; false when another request holds or held it.</summary>
    public async Task<bool> TryClaimAsync(string caller, string key, byte[] requestHash, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"insert into {Table} (caller, key, request_hash) values ($1, $2, $3) on conflict do nothing");
        Add(command, caller, key, requestHash);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Takes over a claim whose holder has not finished within <paramref name="lease"/> (it most likely died).</summary>
    public async Task<bool> TryTakeOverAsync(string caller, string key, byte[] requestHash, TimeSpan lease, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"update {Table} set started_at = now() where caller = $1 and key = $2 and request_hash = $3 and completed_at is null and started_at < now() - $4");
        Add(command, caller, key, requestHash, lease);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    public async Task<Entry?> FindAsync(string caller, string key, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select request_hash, started_at, completed_at is not null, coalesce(status, 0), coalesce(headers::text, '{{}}'), coalesce(body, ''::bytea) from {Table} where caller = $1 and key = $2");
        Add(command, caller, key);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false)) return null;
        return new Entry(
            reader.GetFieldValue<byte[]>(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetBoolean(2),
            reader.GetInt32(3),
            JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [],
            reader.GetFieldValue<byte[]>(5));
    }

    public async Task CompleteAsync(string caller, string key, int status, IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"update {Table} set completed_at = now(), status = $3, headers = $4::jsonb, body = $5 where caller = $1 and key = $2");
        Add(command, caller, key, status, JsonSerializer.Serialize(headers), body);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Gives up a claim whose request failed, so that a retry runs again.</summary>
    public async Task ReleaseAsync(string caller, string key, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"delete from {Table} where caller = $1 and key = $2 and completed_at is null");
        Add(command, caller, key);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Forgets keys older than <paramref name="age"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(TimeSpan age, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"delete from {Table} where started_at < now() - $1");
        Add(command, age);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }
}

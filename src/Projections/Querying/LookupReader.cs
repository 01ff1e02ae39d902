using Ledger.Projections.Daemon;
using Npgsql;

namespace Ledger.Projections.Querying;

/// <summary>
/// Loads the lookup rows a batch touches in one query (the keys passed as arrays, one per key column), so a
/// projection can fold the batch in memory and write each touched row once.
/// </summary>
public static class LookupReader
{
    public static async Task<Dictionary<TKey, TRow>> ReadAsync<TKey, TRow>(ProjectionContext context, string sql,
        Func<NpgsqlDataReader, (TKey Key, TRow Row)> read, CancellationToken ct, params Array[] keys) where TKey : notnull
    {
        var rows = new Dictionary<TKey, TRow>();
        if (keys.Length == 0 || keys[0].Length == 0) return rows;
        await using var command = context.Command(sql, keys.Select(k => new NpgsqlParameter { Value = k }).ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var (key, row) = read(reader);
            rows[key] = row;
        }
        return rows;
    }
}

using Npgsql;

namespace Ledger.Projections.Querying;

/// <summary>
/// Collects one daemon batch's statements and sends them in one round trip, in log order, on the
/// batch's transaction (so the writes commit with the checkpoint).
/// </summary>
public sealed class BatchWriter(NpgsqlBatch batch) : IAsyncDisposable
{
    public void Add(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter
            {
                // timestamptz takes UTC only; events carry the registrar's local offset.
                Value = value switch
                {
                    null => DBNull.Value,
                    DateTimeOffset d => d.ToUniversalTime(),
                    DateTimeOffset[] ds => Array.ConvertAll(ds, d => d.ToUniversalTime()),
                    _ => value,
                },
            });
        batch.BatchCommands.Add(command);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (batch.BatchCommands.Count == 0) return;
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        batch.BatchCommands.Clear();
    }

    public ValueTask DisposeAsync() => batch.DisposeAsync();
}

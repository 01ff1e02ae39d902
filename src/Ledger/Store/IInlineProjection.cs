using Npgsql;

namespace Ledger.Store;

/// <summary>
/// A projection updated in the same transaction as the events it reads: its statements join the append's
/// batch, so the events and the read model commit together or not at all.
/// </summary>
public interface IInlineProjection
{
    /// <summary>Adds the statements that apply <paramref name="events"/> to the read model.</summary>
    void Enqueue(IReadOnlyList<PendingEvent> events, InlineBatch batch);
}

/// <summary>The statements an append sends to PostgreSQL in one round trip; inline projections add theirs.</summary>
public sealed class InlineBatch(NpgsqlBatch batch, string schema)
{
    /// <summary>The quoted schema name to qualify tables with.</summary>
    public string Schema { get; } = schema;

    public NpgsqlBatchCommand Add(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(command);
        return command;
    }
}

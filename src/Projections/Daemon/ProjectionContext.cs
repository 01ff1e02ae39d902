using Npgsql;

namespace Ledger.Projections.Daemon;

/// <summary>What a projection applies a batch with: the open connection and transaction, and its tables' physical names.</summary>
public sealed class ProjectionContext
{
    readonly IReadOnlyDictionary<string, PhysicalTable> tables;

    internal ProjectionContext(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IReadOnlyDictionary<string, PhysicalTable> tables, bool isRebuild)
    {
        Connection = connection;
        Transaction = transaction;
        Schema = schema;
        this.tables = tables;
        IsRebuild = isRebuild;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    /// <summary>The quoted schema name, for reference tables such as <c>regencies</c>.</summary>
    public string Schema { get; }

    /// <summary>True while a rebuild replays the whole log into shadow tables (a projection may then prefer bulk writes).</summary>
    public bool IsRebuild { get; }

    /// <summary>The schema-qualified physical name of one of the projection's tables, to put in SQL.</summary>
    public string Table(string logicalName) =>
        tables.TryGetValue(logicalName, out var table)
            ? table.Qualified
            : throw new InvalidOperationException($"The projection does not own a table named '{logicalName}'.");

    /// <summary>A command on the batch's connection and transaction.</summary>
    public NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, Connection, Transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>A batch of statements on the batch's connection and transaction (one round trip).</summary>
    public NpgsqlBatch Batch() => new(Connection, Transaction);
}

using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Marten;

/// <summary>
/// What Marten logs for the ledger. A lost race (another writer reached the stream first: Marten's stream version
/// check, <c>MT003</c>, or a new stream's key taken) is expected, decided again or answered 409, so it is logged at
/// Debug; any other failure is an Error, with its statement but without its parameters, which carry event data.
/// Statements that succeed are logged at Debug, also without parameters.
/// </summary>
public sealed class LedgerMartenLogger(ILogger logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Schema change applied: {Sql}", sql);

    public void LogSuccess(NpgsqlCommand command) => logger.LogDebug("Executed {Sql}", command.CommandText);

    public void LogSuccess(NpgsqlBatch batch)
    {
        if (!logger.IsEnabled(LogLevel.Debug)) return;
        foreach (var command in batch.BatchCommands) logger.LogDebug("Executed {Sql}", command.CommandText);
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failed(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        Failed(ex, string.Join(Environment.NewLine, batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message) => Failed(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }

    void Failed(Exception exception, string what)
    {
        if (IsLostRace(exception))
            logger.LogDebug("A writer lost a race for a stream: {Reason}", exception.Message);
        else
            logger.LogError(exception, "Marten failed executing {Sql}", what);
    }

    /// <summary>Marten's own stream version check, or the key of a stream or stream version another writer took first.</summary>
    public static bool IsLostRace(Exception exception) =>
        exception.SelfAndInner().Any(e => e is PostgresException { SqlState: "MT003" }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "mt_streams" or "mt_events" });
}

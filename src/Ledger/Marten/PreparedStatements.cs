using Npgsql;

namespace Ledger.Marten;

/// <summary>
/// Runs a read statement (or a batch of them) prepared explicitly on the pooled connection it runs on: the first run
/// on a connection parses and describes it, before any parameter is bound; later runs there only bind and execute
/// (preparing again finds it and costs no round trip). A run that PostgreSQL refuses while binding its parameters
/// fails alone and leaves the connection and its prepared statements as they were. This is how the read data source
/// (<see cref="LedgerDataSource.CreateForReads"/>) gets the planning saved without Npgsql's automatic preparation.
/// </summary>
public static class PreparedStatements
{
    /// <summary>Prepares <paramref name="sql"/> with the parameters <paramref name="bind"/> adds, executes it and hands its reader to <paramref name="read"/>.</summary>
    public static async Task<T> ReadAsync<T>(NpgsqlDataSource dataSource, string sql, Action<NpgsqlParameterCollection> bind,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        await command.PrepareAsync(ct).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await read(reader, ct).ConfigureAwait(false);
    }

    /// <summary>Prepares the statements of <paramref name="commands"/> as one batch, executes it and hands its reader to <paramref name="read"/>.</summary>
    public static async Task<T> ReadAsync<T>(NpgsqlDataSource dataSource, IEnumerable<NpgsqlBatchCommand> commands,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands) batch.BatchCommands.Add(command);
        await batch.PrepareAsync(ct).ConfigureAwait(false);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await read(reader, ct).ConfigureAwait(false);
    }
}

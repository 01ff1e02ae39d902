using System.Data.Common;
using Npgsql;

namespace Ledger.Marten;

/// <summary>
/// The data source the ledger runs on, tuned for its short, repeated statements: the hot ones are prepared
/// once per connection (auto-prepare), so PostgreSQL does not plan an append's statements again on every
/// call, and a connection going back to the pool is not reset, since the ledger leaves no session state
/// behind: a reset would cost every request a seven-statement simple query. A transaction left idle for <see cref="IdleInTransactionTimeout"/> is ended by the
/// server (<c>idle_in_transaction_session_timeout</c>): Marten's daemon keeps its high-water mark behind any live
/// writer, so a leaked transaction would otherwise hold every async projection back for as long as it lives.
/// Settings given in the connection string win. A statement PostgreSQL refuses while binding it would break the
/// statement being auto-prepared on its connection (see <see cref="CreateForReads"/>); the only parameter PostgreSQL
/// parses on a write is JSON, and the store refuses text it cannot store before sending it (<see cref="StorableTextConverter"/>).
/// </summary>
public static class LedgerDataSource
{
    /// <summary>How long a transaction may sit idle before the server ends it; the ledger's own are idle for milliseconds.</summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(60);

    public static NpgsqlDataSource Create(string connectionString) => Build(connectionString, forReads: false);

    /// <summary>
    /// A data source for read-model queries only (public lookups, analytics), which prepare their statements
    /// explicitly (<see cref="PreparedStatements"/>) and never automatically: Npgsql marks an automatically prepared
    /// statement as prepared when PostgreSQL has parsed it, but learns its columns only from the same execution's
    /// Describe, so an execution that fails while binding its parameters (a NUL in a text parameter, 22021) leaves a
    /// statement "prepared" without columns on that connection, and the next execution of it there reads its rows as
    /// a protocol error ("Received unexpected backend message DataRow") and breaks the connection. An explicitly
    /// prepared statement is described before any parameter is bound. Not multiplexed either: one broken multiplexed
    /// connection fails every command of other requests written onto it. Both settings hold whatever the connection
    /// string says.
    /// </summary>
    public static NpgsqlDataSource CreateForReads(string connectionString) => Build(connectionString, forReads: true);

    static NpgsqlDataSource Build(string connectionString, bool forReads)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (forReads)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 0;
            builder.ConnectionStringBuilder.Multiplexing = false;
        }
        else if (!Names(connectionString, "Max Auto Prepare")) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        if (!Names(connectionString, "No Reset On Close")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (!Names(connectionString, "Options"))
            builder.ConnectionStringBuilder.Options = $"-c idle_in_transaction_session_timeout={(int)IdleInTransactionTimeout.TotalMilliseconds}";
        return builder.Build();
    }

    /// <summary>
    /// Whether the connection string itself sets <paramref name="keyword"/> (spaces and case aside). Npgsql's own
    /// builder cannot tell: it reports every keyword it knows as present, set or not.
    /// </summary>
    static bool Names(string connectionString, string keyword)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(k =>
            string.Equals(k.Replace(" ", ""), keyword.Replace(" ", ""), StringComparison.OrdinalIgnoreCase));
    }
}

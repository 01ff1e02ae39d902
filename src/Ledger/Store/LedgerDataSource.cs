using Npgsql;

namespace Ledger.Store;

/// <summary>
/// The data source the ledger runs on, tuned for its short, repeated statements: the hot ones are prepared
/// once per connection (auto-prepare), so PostgreSQL does not plan an append's statements again on every
/// call, and a connection going back to the pool is not reset, since the ledger leaves no session state
/// behind (session advisory locks are released explicitly). Settings given in the connection string win.
/// </summary>
public static class LedgerDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare")) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        if (!given.ContainsKey("No Reset On Close")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }
}

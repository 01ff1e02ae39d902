using Ledger.Marten;
using Ledger.Testing;
using Marten;
using Npgsql;

namespace Ledger.Tests.Store;

/// <summary>The ledger's tuned Npgsql data source (<see cref="LedgerDataSource"/>), which its Marten store runs on.</summary>
public sealed class TheDataSource
{
    [Fact]
    public async Task prepares_hot_statements_and_does_not_reset_a_connection_going_back_to_the_pool()
    {
        await using var dataSource = LedgerDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
            { MaxPoolSize = 1, ApplicationName = "data-source-test" }.ConnectionString);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        settings.MaxAutoPrepare.ShouldBe(64);
        settings.NoResetOnClose.ShouldBeTrue();

        await ScalarAsync(dataSource, "select set_config('ledger.probe', 'kept', false)");
        // The pool holds one connection: the same session, had it been reset (RESET ALL), would have lost the setting.
        (await ScalarAsync(dataSource, "select current_setting('ledger.probe', true)")).ShouldBe("kept");
    }

    [Fact]
    public async Task ends_a_transaction_left_idle_on_the_server()
    {
        await using var dataSource = LedgerDataSource.Create(TestDatabase.ConnectionString);

        (await ScalarAsync(dataSource, "select (current_setting('idle_in_transaction_session_timeout')::interval)::text"))
            .ShouldBe(LedgerDataSource.IdleInTransactionTimeout.ToString(@"hh\:mm\:ss"));
    }

    [Fact]
    public async Task is_the_one_the_ledgers_marten_store_runs_on()
    {
        await using var dataSource = LedgerDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
            { ApplicationName = "ledger-store-probe" }.ConnectionString);
        using var store = DocumentStore.For(options =>
            LedgerStore.Configure(options, dataSource, new LedgerStoreSettings { Schema = TestDatabase.SchemaFor(GetType()) }));

        await using var query = store.QuerySession();
        (await query.QueryAsync<string>("select current_setting('application_name') || ' ' || current_setting('idle_in_transaction_session_timeout')"))
            .ShouldBe(["ledger-store-probe 1min"]);
    }

    [Fact]
    public async Task leaves_settings_the_connection_string_gives_as_they_are()
    {
        await using var dataSource = LedgerDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
            { MaxAutoPrepare = 0, NoResetOnClose = false, Options = "-c idle_in_transaction_session_timeout=5000" }.ConnectionString);

        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        settings.MaxAutoPrepare.ShouldBe(0);
        settings.NoResetOnClose.ShouldBeFalse();
        (await ScalarAsync(dataSource, "select current_setting('idle_in_transaction_session_timeout')")).ShouldBe("5s");
    }

    [Fact]
    public async Task for_reads_prepares_nothing_by_itself_multiplexes_nothing_and_answers_concurrent_queries()
    {
        await using var dataSource = LedgerDataSource.CreateForReads(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
            { MaxAutoPrepare = 64, Multiplexing = true }.ConnectionString);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        settings.Multiplexing.ShouldBeFalse();
        settings.MaxAutoPrepare.ShouldBe(0);
        (await ScalarAsync(dataSource, "select current_setting('idle_in_transaction_session_timeout')")).ShouldBe("1min");

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            PreparedStatements.ReadAsync(dataSource, "select $1::int * 2", p => p.Add(new NpgsqlParameter { Value = i }),
                async (reader, ct) => await reader.ReadAsync(ct) ? reader.GetInt32(0) : -1, default)));

        answers.ShouldBe(Enumerable.Range(0, 64).Select(i => i * 2));
    }

    static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

using Ledger.Marten;
using Ledger.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Tests.Store;

/// <summary>
/// A statement PostgreSQL refuses while binding its parameters (a NUL in a text parameter: 22021) must fail alone.
/// With Npgsql's automatic preparation it does not: the run that prepares the statement is told "parsed" and then
/// the error, so Npgsql records the statement as prepared without ever learning its columns, and the next run of it
/// on that connection reads its rows as a protocol error ("Received unexpected backend message DataRow") and breaks
/// the connection; multiplexed, the break fails every other command written onto it too. The read data source
/// prepares explicitly (described before anything is bound) and is immune.
/// </summary>
public sealed class FailingToBind
{
    const string Sql = "select g, $1::text from generate_series(1, 3) g";

    /// <summary>The run (from 1) that carries a NUL; the fifth is the one automatic preparation prepares on (Npgsql's default of 5 uses).</summary>
    const int PoisonedRun = 5;

    [Fact]
    public async Task an_automatically_prepared_statement_that_fails_to_bind_breaks_the_next_run_on_its_connection()
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
            { MaxPoolSize = 1, MaxAutoPrepare = 64, ApplicationName = "failing-to-bind-auto" }.ConnectionString);

        var outcomes = new List<string>();
        for (var run = 1; run <= PoisonedRun + 1; run++)
            outcomes.Add(await RunAsync(() => AutoPreparedAsync(dataSource, run == PoisonedRun ? "a\0b" : "x")));

        outcomes[PoisonedRun - 1].ShouldBe("22021");
        outcomes[PoisonedRun].ShouldContain("unexpected backend message DataRow");
    }

    [Fact]
    public async Task a_multiplexed_connection_broken_that_way_fails_the_commands_of_others()
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
            { MaxPoolSize = 1, MaxAutoPrepare = 64, Multiplexing = true, ApplicationName = "failing-to-bind-multiplexed" }.ConnectionString);
        for (var run = 1; run <= PoisonedRun; run++)
            await RunAsync(() => AutoPreparedAsync(dataSource, run == PoisonedRun ? "a\0b" : "x"));

        // Another statement entirely, written onto the same connection with the poisoned one.
        var others = Enumerable.Range(0, 8).Select(_ => RunAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("select 42");
            return (int)(await command.ExecuteScalarAsync())! == 42 ? "ok" : "wrong";
        })).ToList();
        var poisoned = RunAsync(() => AutoPreparedAsync(dataSource, "x"));
        others.AddRange(Enumerable.Range(0, 8).Select(_ => RunAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("select 42");
            return (int)(await command.ExecuteScalarAsync())! == 42 ? "ok" : "wrong";
        })));

        (await poisoned).ShouldContain("unexpected backend message DataRow");
        (await Task.WhenAll(others)).ShouldContain(o => o != "ok");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task a_read_that_fails_to_bind_fails_alone_on_the_read_data_source(int nulRun)
    {
        await using var dataSource = LedgerDataSource.CreateForReads(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
            { MaxPoolSize = 1, ApplicationName = "failing-to-bind-reads" }.ConnectionString);

        var outcomes = new List<string>();
        for (var run = 1; run <= 12; run++)
            outcomes.Add(await RunAsync(() => PreparedStatements.ReadAsync(dataSource, Sql,
                p => p.Add(new NpgsqlParameter<string> { TypedValue = run == nulRun ? "a\0b" : "x", NpgsqlDbType = NpgsqlDbType.Text }),
                CountAsync, default)));

        outcomes.ShouldBe(Enumerable.Range(1, 12).Select(run => run == nulRun ? "22021" : "3 rows of x"));
    }

    static async Task<string> AutoPreparedAsync(NpgsqlDataSource dataSource, string value)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        return await CountAsync(reader, default);
    }

    static async Task<string> CountAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var rows = 0;
        var allX = true;
        while (await reader.ReadAsync(ct))
        {
            rows++;
            allX &= reader.GetString(1) == "x";
        }
        return $"{rows} rows{(allX ? " of x" : "")}";
    }

    /// <summary>What a run came to: its answer, the SQLSTATE PostgreSQL refused it with, or the client's error.</summary>
    static async Task<string> RunAsync(Func<Task<string>> run)
    {
        try { return await run(); }
        catch (PostgresException e) { return e.SqlState; }
        catch (Exception e) { return e.Message; }
    }
}

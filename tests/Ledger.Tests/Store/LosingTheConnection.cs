using JasperFx.Events;
using JasperFx.Events.Projections;
using Ledger.Marten;
using Ledger.Testing;
using Marten;
using Marten.Events.Projections;
using Npgsql;

namespace Ledger.Tests.Store;

/// <summary>What the ledger's Marten store does when PostgreSQL drops its connections (a failover, a restart, an administrator).</summary>
public sealed class LosingTheConnection : LedgerStoreTest
{
    readonly CommitGate holding = new(424244);

    protected override void Configure(StoreOptions options)
    {
        Tally.Register(options);
        options.Projections.Add(holding, ProjectionLifecycle.Inline);
    }

    /// <summary>
    /// A store configured as the ledger's, on the ledger's data source, whose connections the test can find and drop.
    /// (Not <see cref="LedgerStoreTest.CreateStore"/>: Marten keeps the first data source it is given.)
    /// </summary>
    (DocumentStore Store, NpgsqlDataSource DataSource) StoreOnItsOwnConnections()
    {
        var dataSource = LedgerDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { ApplicationName = Schema, MaxPoolSize = 1 }.ConnectionString);
        return (DocumentStore.For(options =>
        {
            LedgerStore.Configure(options, dataSource, new LedgerStoreSettings { Schema = Schema });
            Configure(options);
        }), dataSource);
    }

    /// <summary>Terminates every server session of the test's store; how many there were.</summary>
    Task<long> DropItsConnectionsAsync() => TestDatabase.ScalarAsync<long>(
        "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1", Schema);

    static async Task<IReadOnlyList<long>> VersionsAsync(IDocumentStore store, Guid id)
    {
        await using var query = store.QuerySession();
        return [.. (await query.Events.FetchStreamAsync(id)).Select(e => e.Version)];
    }

    static async Task StartAsync(IDocumentStore store, Guid id)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream<Tally>(id, new TallyOpened(id, "before"));
        await session.SaveChangesAsync();
    }

    /// <summary>Marten's read pipeline retries an <see cref="NpgsqlException"/> on a fresh connection (three times, 50 ms apart).</summary>
    [Fact]
    public async Task reads_on_dropped_connections_are_retried_without_the_caller_noticing()
    {
        var (store, dataSource) = StoreOnItsOwnConnections();
        await using var _ = dataSource;
        using var __ = store;
        var id = Guid.NewGuid();
        await StartAsync(store, id);

        (await DropItsConnectionsAsync()).ShouldBeGreaterThan(0);
        (await VersionsAsync(store, id)).ShouldBe([1L]);

        (await DropItsConnectionsAsync()).ShouldBeGreaterThan(0);
        await using (var query = store.QuerySession())
            (await query.Events.AggregateStreamAsync<Tally>(id))!.Name.ShouldBe("before");

        (await DropItsConnectionsAsync()).ShouldBeGreaterThan(0);
        await using (var session = store.LightweightSession())
            (await session.Events.FetchForWriting<Tally>(id)).StartingVersion.ShouldBe(1);
    }

    /// <summary>
    /// Marten does not retry a commit on a connection the server dropped while it sat in the
    /// pool: its write pipeline retries only failures PostgreSQL reported as rolled back and transient, and
    /// <c>57P01</c> (the session was terminated) is not one of them. The caller is told; nothing was recorded; the
    /// next attempt runs on a new connection. The command executor does not retry it either (it is no conflict).
    /// </summary>
    [Fact]
    public async Task a_write_on_a_dropped_connection_fails_without_recording_anything_and_the_next_one_lands()
    {
        var (store, dataSource) = StoreOnItsOwnConnections();
        await using var _ = dataSource;
        using var __ = store;
        var id = Guid.NewGuid();
        await StartAsync(store, id);

        (await DropItsConnectionsAsync()).ShouldBeGreaterThan(0);
        var error = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var session = store.LightweightSession();
            session.Events.Append(id, new TallyIncremented(id, 1));
            await session.SaveChangesAsync();
        });

        Chain(error).OfType<PostgresException>().ShouldContain(e => e.SqlState == PostgresErrorCodes.AdminShutdown, error.ToString());
        StreamConflicts.IsConflict(error).ShouldBeFalse();
        (await VersionsAsync(store, id)).ShouldBe([1L]);

        await using (var session = store.LightweightSession())
        {
            session.Events.Append(id, new TallyIncremented(id, 1));
            await session.SaveChangesAsync();
        }
        (await VersionsAsync(store, id)).ShouldBe([1L, 2L]);
    }

    static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e != null; e = e.InnerException) yield return e;
    }

    /// <summary>
    /// A connection lost while the commit is in flight is not retried: the client cannot know whether PostgreSQL
    /// committed, and replaying an append could record it twice. The caller is told, and here nothing committed.
    /// </summary>
    [Fact]
    public async Task a_connection_dropped_in_the_middle_of_a_commit_is_reported_not_replayed()
    {
        var (store, dataSource) = StoreOnItsOwnConnections();
        await using var _ = dataSource;
        using var __ = store;
        var id = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Tally>(id, new TallyOpened(id, "before"));
            await session.SaveChangesAsync();
        }

        await using var gate = await TestDatabase.DataSource.OpenConnectionAsync();
        await using (var close = new NpgsqlCommand($"select pg_advisory_lock({holding.Key})", gate))
            await close.ExecuteNonQueryAsync();
        holding.Hold(id);
        var write = Task.Run(async () =>
        {
            await using var session = store.LightweightSession();
            session.Events.Append(id, new TallyIncremented(id, 1));
            await session.SaveChangesAsync();
        });
        await holding.WaitUntilSomeoneWaitsAsync();
        (await DropItsConnectionsAsync()).ShouldBeGreaterThan(0);
        await using (var open = new NpgsqlCommand($"select pg_advisory_unlock({holding.Key})", gate))
            await open.ExecuteNonQueryAsync();

        var error = await Should.ThrowAsync<Exception>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
        error.ShouldNotBeOfType<TimeoutException>();
        holding.Hold(Guid.Empty);
        (await VersionsAsync(store, id)).ShouldBe([1L]);
    }
}

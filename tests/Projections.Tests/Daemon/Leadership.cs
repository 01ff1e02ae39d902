using Ledger.Projections.Daemon;
using Ledger.Store;
using Ledger.Testing;
using Npgsql;
using Projections.Tests.Support;

namespace Projections.Tests.Daemon;

/// <summary>Two hosts (each its own data source, store and daemon) over one schema.</summary>
public sealed class Leadership : DaemonTest
{
    readonly List<NpgsqlDataSource> dataSources = [];

    async Task<(ProjectionDaemon A, ProjectionDaemon B)> TwoHostsAsync(Func<IAsyncProjection[]> projections)
    {
        var daemons = new List<ProjectionDaemon>();
        foreach (var host in new[] { "a", "b" })
        {
            var dataSource = TestDatabase.Create(applicationName: $"{Schema}_{host}");
            dataSources.Add(dataSource);
            var store = new EventStore(dataSource, Tally.Registry(), new LedgerStoreOptions { Schema = Schema });
            daemons.Add(await StartDaemonAsync(projections(), store));
        }
        return (daemons[0], daemons[1]);
    }

    static async Task<(bool A, bool B)> LeadersOf(ProjectionDaemon a, ProjectionDaemon b, string projection) =>
        ((await StatusOf(a, projection)).IsLeader, (await StatusOf(b, projection)).IsLeader);

    [Fact]
    public async Task exactly_one_of_two_hosts_runs_each_projection()
    {
        var (a, b) = await TwoHostsAsync(() => [new AppliedEventsProjection("first"), new AppliedEventsProjection("second")]);

        foreach (var projection in new[] { "first", "second" })
            await Eventually.HoldsAsync(async () => await LeadersOf(a, b, projection) is (true, false) or (false, true),
                $"one host to lead {projection}");

        for (var look = 0; look < 10; look++)
        {
            foreach (var projection in new[] { "first", "second" })
                (await LeadersOf(a, b, projection)).ShouldBeOneOf((true, false), (false, true));
            await Task.Delay(100);
        }
        var locks = await TestDatabase.ScalarAsync<long>(
            "select count(*) from pg_locks where locktype = 'advisory' and granted and classid = $1 and objsubid = 2 and objid::bigint = any($2)",
            (long)Ledger.Projections.Daemon.Leadership.LeaderClass,
            new[] { "first", "second" }.Select(p => (long)(uint)Ledger.Projections.Daemon.Leadership.KeyOf(Schema, p)).ToArray());
        locks.ShouldBe(2);
    }

    [Fact]
    public async Task when_the_leader_stops_the_other_host_takes_over_without_applying_twice_or_skipping()
    {
        var projection = new AppliedEventsProjection();
        var (a, b) = await TwoHostsAsync(() => [new AppliedEventsProjection()]);
        await Eventually.HoldsAsync(async () => await LeadersOf(a, b, projection.Name) is (true, false) or (false, true), "a leader");
        var (leader, other) = (await StatusOf(a, projection.Name)).IsLeader ? (a, b) : (b, a);

        using var writing = new CancellationTokenSource();
        var writer = WriteUntilAsync(writing.Token);
        await Eventually.HoldsAsync(async () => await CountAsync(AppliedEventsProjection.Table) > 20, "the leader to project some events");

        await leader.StopAsync(CancellationToken.None);
        await Eventually.HoldsAsync(async () => (await StatusOf(other, projection.Name)).IsLeader, "the other host to take over", TimeSpan.FromSeconds(10));
        var taken = await CountAsync(AppliedEventsProjection.Table);
        await Eventually.HoldsAsync(async () => await CountAsync(AppliedEventsProjection.Table) > taken + 20, "the new leader to project new events");

        await writing.CancelAsync();
        var written = await writer;
        await CaughtUpAsync(other, projection.Name);
        (await CountAsync(AppliedEventsProjection.Table)).ShouldBe(written);
        (await CountAsync(AppliedEventsProjection.Table, "applied <> 1")).ShouldBe(0);
    }

    [Fact]
    public async Task when_the_leaders_connections_are_killed_a_host_takes_over_without_applying_twice_or_skipping()
    {
        var projection = new AppliedEventsProjection();
        var (a, b) = await TwoHostsAsync(() => [new AppliedEventsProjection()]);
        await Eventually.HoldsAsync(async () => await LeadersOf(a, b, projection.Name) is (true, false) or (false, true), "a leader");
        var leaderHost = (await StatusOf(a, projection.Name)).IsLeader ? "a" : "b";

        using var writing = new CancellationTokenSource();
        var writer = WriteUntilAsync(writing.Token);
        await Eventually.HoldsAsync(async () => await CountAsync(AppliedEventsProjection.Table) > 20, "the leader to project some events");

        var killed = await TestDatabase.ScalarAsync<long>(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1", $"{Schema}_{leaderHost}");
        killed.ShouldBeGreaterThan(0);

        var before = await CountAsync(AppliedEventsProjection.Table);
        await Eventually.HoldsAsync(async () => await CountAsync(AppliedEventsProjection.Table) > before + 20,
            "a host to lead again and project new events", TimeSpan.FromSeconds(15));
        (await LeadersOf(a, b, projection.Name)).ShouldBeOneOf((true, false), (false, true));

        await writing.CancelAsync();
        var written = await writer;
        await CaughtUpAsync(a, projection.Name);
        (await CountAsync(AppliedEventsProjection.Table)).ShouldBe(written);
        (await CountAsync(AppliedEventsProjection.Table, "applied <> 1")).ShouldBe(0);
    }

    /// <summary>Appends to a few streams in parallel until cancelled; returns how many events were written.</summary>
    async Task<long> WriteUntilAsync(CancellationToken stop)
    {
        var writers = Enumerable.Range(0, 3).Select(async _ =>
        {
            var id = Guid.NewGuid();
            await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "busy"));
            long written = 1;
            while (!stop.IsCancellationRequested)
            {
                await Store.AppendAsync(id, written, EventMetadata.None, new TallyIncremented(id, 1));
                written++;
                await Task.Delay(5, CancellationToken.None);
            }
            return written;
        });
        return (await Task.WhenAll(writers)).Sum();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var dataSource in dataSources) await dataSource.DisposeAsync();
    }
}

using JasperFx;
using JasperFx.Events.Daemon;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.Querying;
using Ledger.Projections.ReadModels;
using Ledger.Projections.RegencyTotals;
using Ledger.Testing;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

/// <summary>
/// Two nodes over one schema, each running Marten's projection coordinator in HotCold mode as the host does
/// (<c>AddAsyncDaemon(DaemonMode.HotCold)</c>): one leads, and when it dies the other takes over.
/// </summary>
public sealed class FailingOver : CertificationScenario
{
    readonly List<Node> nodes = [];

    [Fact]
    public async Task when_the_leading_node_dies_the_other_takes_over_and_the_read_models_equal_a_rebuild_row_for_row()
    {
        var artisan = await RealisticYearAsync();
        var first = await StartNodeAsync("a");
        await Eventually.HoldsAsync(() => Task.FromResult(first.RunsAll()), "the first node to lead every read model");
        await AllCaughtUpAsync();

        var second = await StartNodeAsync("b");
        // Several leadership polls of the second node: it finds every lock taken and runs nothing.
        await Task.Delay(TimeSpan.FromMilliseconds(LeadershipPollingTime * 10));
        first.RunsAll().ShouldBeTrue();
        second.RunsAny().ShouldBeFalse();
        (await AdvisoryLocksHeldByAsync(first)).ShouldBeGreaterThan(0);
        (await AdvisoryLocksHeldByAsync(second)).ShouldBe(0);

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => KeepCertifyingAsync(stop.Token));
        await Eventually.HoldsAsync(async () => await CountAsync("mt_events") > 200, "registrars to append while the first node leads");

        // The first node dies: it loses its database (no new connection), and PostgreSQL ends its sessions, the
        // one holding its advisory locks among them, which releases the locks and rolls back its open page.
        var lockSessions = await AdvisoryLockSessionsOfAsync(first);
        lockSessions.ShouldNotBeEmpty();
        await first.KillAsync();
        (await AdvisoryLocksHeldByAsync(first)).ShouldBe(0);

        await Eventually.HoldsAsync(() => Task.FromResult(second.RunsAll()), "the second node to lead every read model");
        (await AdvisoryLocksHeldByAsync(second)).ShouldBeGreaterThan(0);
        // Registrars go on certifying until the new leader has projected some of what they appended after the failover.
        var afterFailover = await HeadAsync();
        foreach (var name in LedgerReadModels.Names)
            await Eventually.HoldsAsync(async () => await ProgressAsync(name) > afterFailover, $"{name} to pass event {afterFailover} on the new leader");
        await stop.CancelAsync();
        var certified = await writer;
        await AllCaughtUpAsync();

        (await CountAsync("mt_doc_deadletterevent")).ShouldBe(0);
        var national = (await new RegencyTotalsQuery(Database).NationalAsync(new ReadModelFilter())).Items.Single();
        // The realistic year certifies four (one frozen, one revoked): three valid before the registrars' run.
        national.Issued.ShouldBe(4 + certified);
        national.Valid.ShouldBe(2 + certified);
        (await CountAsync("artisan_profiles", $"artisan_id = '{artisan}'")).ShouldBe(1);

        var followed = new Dictionary<string, string>();
        foreach (var t in ReadModelTables()) followed[t] = await DigestAsync(t);
        foreach (var name in LedgerReadModels.Names) await ReadModelRebuild.RebuildAsync(Store, name);
        foreach (var t in ReadModelTables()) (await DigestAsync(t)).ShouldBe(followed[t], $"table {t}: as the daemons followed the log, and rebuilt");
    }

    const int LeadershipPollingTime = 200;

    async Task<int> KeepCertifyingAsync(CancellationToken stop)
    {
        var certified = 0;
        while (!stop.IsCancellationRequested)
        {
            await CertifyAsync(certified % 2 == 0 ? Tuban : Serang, "Nur Aini");
            certified++;
        }
        return certified;
    }

    /// <summary>A node: its own connections (named after it, so PostgreSQL can tell its sessions apart), store and coordinator.</summary>
    async Task<Node> StartNodeAsync(string name)
    {
        var applicationName = $"{Schema}-node-{name}";
        var dataSource = TestDatabase.Create(applicationName);
        var store = DocumentStore.For(o =>
        {
            LedgerStore.Configure(o, dataSource, new LedgerStoreSettings { Schema = Schema });
            Configure(o);
            o.Projections.AsyncMode = DaemonMode.HotCold;
            o.Projections.LeadershipPollingTime = LeadershipPollingTime;
        });
        var coordinator = new ProjectionCoordinator(store, NullLogger<ProjectionCoordinator>.Instance);
        var node = new Node(applicationName, dataSource, store, coordinator);
        nodes.Add(node);
        await coordinator.StartAsync(CancellationToken.None);
        return node;
    }

    /// <summary>The advisory locks held, in this database, by sessions of <paramref name="node"/>.</summary>
    static Task<long> AdvisoryLocksHeldByAsync(Node node) => TestDatabase.ScalarAsync<long>("""
        select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())
          and a.application_name = $1
        """, node.ApplicationName);

    static async Task<List<int>> AdvisoryLockSessionsOfAsync(Node node)
    {
        var pids = await TestDatabase.ScalarAsync<int[]?>("""
            select array_agg(distinct l.pid) from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())
              and a.application_name = $1
            """, node.ApplicationName);
        return [.. pids ?? []];
    }

    public override async Task DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        await base.DisposeAsync();
    }

    sealed class Node(string applicationName, NpgsqlDataSource dataSource, DocumentStore store, ProjectionCoordinator coordinator) : IAsyncDisposable
    {
        bool killed;

        public string ApplicationName { get; } = applicationName;

        static readonly string[] Shards = [.. LedgerReadModels.Names.Select(ReadModelRebuild.ShardOf)];

        IProjectionDaemon Daemon => coordinator.DaemonForMainDatabase();

        bool Runs(string shard) => Daemon.StatusFor(shard) == AgentStatus.Running;

        public bool RunsAll() => Shards.All(Runs);

        public bool RunsAny() => Shards.Any(Runs);

        /// <summary>As a crash would: the node can no longer reach the database, and PostgreSQL ends every session it had.</summary>
        public async Task KillAsync()
        {
            killed = true;
            await dataSource.DisposeAsync();
            await TestDatabase.ScalarAsync<long>(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1", ApplicationName);
            await Eventually.HoldsAsync(async () => await TestDatabase.ScalarAsync<long>(
                "select count(*) from pg_stat_activity where application_name = $1", ApplicationName) == 0, $"the sessions of {ApplicationName} to end");
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await coordinator.StopAsync(CancellationToken.None);
            }
            catch (Exception) when (killed)
            {
                // A dead node's coordinator cannot release what PostgreSQL already released.
            }
            await coordinator.DisposeAsync();
            store.Dispose();
            await dataSource.DisposeAsync();
        }
    }
}

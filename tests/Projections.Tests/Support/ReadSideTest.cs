using JasperFx.Events.Daemon;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Ledger.Projections.Regencies;
using Ledger.Testing;
using Marten;

namespace Projections.Tests.Support;

/// <summary>
/// A store test with the whole read side registered (inline verification view, async read models, their tables),
/// the official regency list imported, daemons that poll fast, and the read models' state read straight from SQL.
/// </summary>
public abstract class ReadSideTest : LedgerStoreTest
{
    readonly List<IProjectionDaemon> daemons = [];

    protected LedgerDatabase Database => new(TestDatabase.DataSource, Schema);

    protected virtual bool StopOnError => false;

    protected override void Configure(StoreOptions options)
    {
        LedgerReadModels.Configure(options, new ReadModelSettings { Database = Database, StopOnError = StopOnError, BatchSize = 100 });
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);
        options.Projections.LeadershipPollingTime = 250;
        options.Projections.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
        options.Projections.AgentPauseTime = TimeSpan.FromMilliseconds(250);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestDatabase.ExecuteAsync($"create table if not exists \"{Schema}\".personal_data_keys (subject_id uuid primary key, key bytea not null, created_at timestamptz not null)");
        await RegencyImport.ImportFileAsync(Database, OfficialList());
    }

    /// <summary>The official list, outside the repository: <c>&lt;repo root&gt;/../shared/data/regencies.csv</c>.</summary>
    protected static string OfficialList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "regencies.csv"));
        throw new FileNotFoundException("No Ledger.sln above the test's base directory.");
    }

    /// <summary>A daemon of <paramref name="store"/> (the test's own by default) running every async read model.</summary>
    protected async Task<IProjectionDaemon> StartDaemonAsync(IDocumentStore? store = null)
    {
        var daemon = await (store ?? Store).BuildProjectionDaemonAsync();
        daemons.Add(daemon);
        await daemon.StartAllAsync();
        return daemon;
    }

    /// <summary>Appends events to one stream in one transaction, as a command would.</summary>
    protected async Task AppendAsync(Guid stream, params object[] events)
    {
        await using var session = Store.LightweightSession();
        session.Events.Append(stream, events);
        await session.SaveChangesAsync();
    }

    protected Task<long> HeadAsync() => TestDatabase.ScalarAsync<long>($"select coalesce(max(seq_id), 0) from \"{Schema}\".mt_events");

    protected Task<long> ProgressAsync(string readModel) =>
        TestDatabase.ScalarAsync<long>($"select coalesce((select last_seq_id from \"{Schema}\".mt_event_progression where name = $1), 0)", ReadModelRebuild.ShardOf(readModel));

    /// <summary>Waits until the read model's progress reaches the last event in the log.</summary>
    protected async Task CaughtUpAsync(string readModel, TimeSpan? within = null)
    {
        var head = await HeadAsync();
        await Eventually.HoldsAsync(async () => await ProgressAsync(readModel) >= head, $"{readModel} to reach event {head}", within);
    }

    protected async Task AllCaughtUpAsync()
    {
        foreach (var name in LedgerReadModels.Names) await CaughtUpAsync(name);
    }

    protected Task<long> CountAsync(string table, string where = "true") =>
        TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".{table} where {where}");

    /// <summary>A digest of every row of a table, to compare a read model with its rebuild.</summary>
    protected Task<string> DigestAsync(string table) =>
        TestDatabase.ScalarAsync<string>($"select coalesce(md5(string_agg(r::text, '|' order by r::text)), '') from \"{Schema}\".{table} r");

    protected static IEnumerable<string> ReadModelTables() =>
        LedgerReadModels.Create(ReadModelTarget.Live(new(null!, "x"))).SelectMany(p => p.Tables.Select(t => t.Name));

    public override async Task DisposeAsync()
    {
        foreach (var daemon in daemons)
        {
            try { await daemon.StopAllAsync(); } catch (ObjectDisposedException) { }
            daemon.Dispose();
        }
        await base.DisposeAsync();
    }
}

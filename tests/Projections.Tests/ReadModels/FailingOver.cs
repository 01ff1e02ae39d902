using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Projections.Daemon;
using Ledger.Projections.Querying;
using Ledger.Projections.RegencyTotals;
using Ledger.Store;
using Ledger.Testing;
using Npgsql;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

/// <summary>Two hosts (each its own data source, store and daemon) run the real read models over one schema while registrars write.</summary>
public sealed class FailingOver : ReadModelScenario
{
    readonly List<NpgsqlDataSource> dataSources = [];

    [Fact]
    public async Task when_the_leaders_connections_are_killed_the_other_host_takes_over_and_the_read_models_equal_a_rebuild()
    {
        await SignAsync(Tuban, quota: 1000);
        await SignAsync(Serang, quota: 1000);
        var (a, b) = (await HostAsync("a"), await HostAsync("b"));
        var names = a.Projections.Select(p => p.Name).ToList();
        foreach (var name in names)
            await Eventually.HoldsAsync(async () => await LeadersOf(a, b, name) is (true, false) or (false, true), $"one host to lead {name}");
        var leaderHost = (await StatusOf(a, "regency_totals")).IsLeader ? "a" : "b";

        using var writing = new CancellationTokenSource();
        var writer = WriteUntilAsync(writing.Token);
        await Eventually.HoldsAsync(async () => await IssuedAsync() >= 3, "the leader to count some certificates");

        var killed = await TestDatabase.ScalarAsync<long>(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1", $"{Schema}_{leaderHost}");
        killed.ShouldBeGreaterThan(0);
        var before = await IssuedAsync();
        await Eventually.HoldsAsync(async () => await IssuedAsync() >= before + 3, "a host to lead again and count new certificates", TimeSpan.FromSeconds(30));
        foreach (var name in names)
            await Eventually.HoldsAsync(async () => await LeadersOf(a, b, name) is (true, false) or (false, true), $"one host to lead {name} again");

        await writing.CancelAsync();
        var (certified, revoked) = await writer;
        foreach (var name in names) await CaughtUpAsync(a, name);

        var national = (await new RegencyTotalsQuery(Store).NationalAsync(new ReadModelFilter())).Items.Single();
        (national.Issued, national.Revoked, national.Valid).ShouldBe((certified, revoked, certified - revoked));
        var tables = a.Projections.SelectMany(p => p.Tables.Select(t => t.Name)).ToList();
        var live = new Dictionary<string, string>();
        foreach (var t in tables) live[t] = await DigestAsync(t);
        foreach (var name in names) await a.RebuildAsync(name);
        foreach (var t in tables) (await DigestAsync(t)).ShouldBe(live[t], $"table {t} after a rebuild");
    }

    async Task<ProjectionDaemon> HostAsync(string host)
    {
        var dataSource = TestDatabase.Create(applicationName: $"{Schema}_{host}");
        dataSources.Add(dataSource);
        var store = new EventStore(dataSource, LedgerEvents.Register(new EventTypeRegistry()), new LedgerStoreOptions { Schema = Schema });
        return await StartDaemonAsync(ReadModels(), store);
    }

    static async Task<(bool A, bool B)> LeadersOf(ProjectionDaemon a, ProjectionDaemon b, string projection) =>
        ((await StatusOf(a, projection)).IsLeader, (await StatusOf(b, projection)).IsLeader);

    Task<long> IssuedAsync() => TestDatabase.ScalarAsync<long>($"select coalesce(sum(issued), 0)::bigint from \"{Schema}\".regency_totals");

    /// <summary>Two registrars certify artisans (every fifth revoked) until cancelled; returns how many were certified and revoked.</summary>
    async Task<(int Certified, int Revoked)> WriteUntilAsync(CancellationToken stop)
    {
        var registrars = new[] { Tuban, Serang }.Select(async region =>
        {
            var (certified, revoked) = (0, 0);
            while (!stop.IsCancellationRequested)
            {
                var artisan = Guid.NewGuid();
                var certification = CertificationStreams.IdFor(artisan, Scheme);
                await Commands.HandleAsync(new RegisterArtisan(artisan, "Siti Rahayu", $"{region.Regency.Replace(".", "")}{Random.Shared.NextInt64(1_000_000_000_000L):D12}",
                    Gender.Female, 1985, region.Regency, "IKM Batik Gedog", Registrar, At));
                await Commands.HandleAsync(new EnrollArtisan(artisan, Scheme, region.PksId, null, Registrar, At));
                await Commands.HandleAsync(new AcceptApplication(certification, Registrar, At));
                await AssessAsync(region, certification, Competence.Competent);
                await Commands.HandleAsync(new IssueCertificate(certification, $"BLK-{Guid.NewGuid():N}"[..12], Lsp, Registrar, At));
                certified++;
                if (certified % 5 == 0)
                {
                    await Commands.HandleAsync(new RevokeCertificate(certification, "Final conviction for fraud", Registrar, At));
                    revoked++;
                }
            }
            return (certified, revoked);
        });
        var done = await Task.WhenAll(registrars);
        return (done.Sum(d => d.certified), done.Sum(d => d.revoked));
    }

    Task<string> DigestAsync(string table) =>
        TestDatabase.ScalarAsync<string>($"select coalesce(md5(string_agg(r::text, '|' order by r::text)), '') from \"{Schema}\".{table} r");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var dataSource in dataSources) await dataSource.DisposeAsync();
    }
}

using System.Diagnostics;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Ledger.Testing;
using Marten;
using Npgsql;
using Projections.Tests.Support;
using Xunit.Abstractions;

namespace Projections.Tests.Benchmarks;

/// <summary>
/// Rebuilds each read model from a realistic log (artisans registered, enrolled, accepted, assessed, decided and
/// certified across the official regencies) and prints events per second.
/// <c>LEDGER_BENCH=1 LEDGER_BENCH_EVENTS=200000 dotnet test tests/Projections.Tests -c Release --filter RebuildThroughput --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class RebuildThroughput(ITestOutputHelper output) : CertificationScenario
{
    static int EventCount => int.TryParse(Environment.GetEnvironmentVariable("LEDGER_BENCH_EVENTS"), out var n) ? n : 200_000;

    [BenchmarkFact]
    public async Task rebuilding_each_read_model_from_a_realistic_log()
    {
        await SeedAsync(EventCount);
        var head = await HeadAsync();
        await ReadTheLogAsync(head);
        foreach (var name in LedgerReadModels.Names)
        {
            var result = await ReadModelRebuild.RebuildAsync(Store, name);
            result.Events.ShouldBe(head);
            var line = $"rebuild {name,-22} {result.Events,10:N0} events in {result.Elapsed.TotalSeconds,7:N2} s = {result.Events / result.Elapsed.TotalSeconds,10:N0} events/s (replay {result.Replay.TotalSeconds:N2} s)";
            Report(line);
        }
    }

    /// <summary>
    /// What bounds a replay: reading the whole log as Marten's loader does (its columns, joined to the streams, in pages
    /// of 5,000), first as rows only, then as Marten's events (deserialized).
    /// </summary>
    async Task ReadTheLogAsync(long head)
    {
        var clock = Stopwatch.StartNew();
        long rows = 0;
        for (long floor = 0; floor < head;)
        {
            await using var command = TestDatabase.DataSource.CreateCommand($"""
                select d.seq_id, d.id, d.stream_id, d.version, d.data, d.type, d.timestamp, d.tenant_id, d.mt_dotnet_type, d.correlation_id,
                       d.causation_id, d.headers, d.user_name, d.is_archived, s.type
                from "{Schema}".mt_events d join "{Schema}".mt_streams s on d.stream_id = s.id
                where d.seq_id > $1 and d.seq_id <= $2 and d.is_archived = false order by d.seq_id limit 5000
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = floor });
            command.Parameters.Add(new NpgsqlParameter { Value = head });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 1; i < reader.FieldCount; i++) _ = reader.IsDBNull(i) ? null : reader.GetValue(i);
                floor = reader.GetInt64(0);
                rows++;
            }
        }
        var asRows = clock.Elapsed;

        clock.Restart();
        long events = 0;
        await using (var session = Store.QuerySession())
            for (long floor = 0; floor < head;)
            {
                var page = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > floor).OrderBy(e => e.Sequence).Take(5000).ToListAsync();
                floor = page[^1].Sequence;
                events += page.Count;
            }
        var asEvents = clock.Elapsed;
        Report($"reading the log: {rows:N0} rows in {asRows.TotalSeconds:N2} s = {rows / asRows.TotalSeconds:N0}/s; as Marten's events {events:N0} in {asEvents.TotalSeconds:N2} s = {events / asEvents.TotalSeconds:N0}/s");
    }

    void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>Six events per artisan on two streams, a thousand artisans per transaction; agreements for 50 regencies.</summary>
    async Task SeedAsync(int events)
    {
        var regencies = Enumerable.Range(0, 50).Select(i => new Region($"{11 + i / 10}.{1 + i % 10:D2}", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            $"TUK {i}", $"Assessor {i}")).ToList();
        foreach (var r in regencies) await SignAsync(r);
        var artisans = events / 6;
        var key = new byte[32];
        for (var start = 0; start < artisans; start += 1000)
        {
            await using var session = Store.LightweightSession();
            for (var n = start; n < Math.Min(artisans, start + 1000); n++)
            {
                var r = regencies[n % regencies.Count];
                var artisan = Guid.NewGuid();
                var certification = CertificationStreams.IdFor(artisan, Scheme);
                var outcome = n % 7 == 0 ? Competence.NotYetCompetent : Competence.Competent;
                session.Events.StartStream(artisan, new ArtisanRegistered(artisan, $"hash{n}", "v1:x", Seal(artisan, key, "Siti Rahayu"), Gender.Female, 1985,
                    r.Regency, "IKM Batik", null, At));
                var certificationEvents = new List<object>
                {
                    new ArtisanEnrolled(certification, artisan, Scheme, r.Regency, r.PksId, r.BatchId, 2026, null, At),
                    new ApplicationAccepted(certification, null, At),
                    new AssessmentRecorded(certification, 1, r.Assessor, r.Site, Today, [new UnitAssessment("C.13BTK01.001.2", outcome, EvidenceMethod.Observation)], outcome, At),
                    new CertificationDecided(certification, 1, outcome, ["Rina Wati"], null, At),
                };
                if (outcome == Competence.Competent)
                    certificationEvents.Add(new CertificateIssued(certification, new CertificateNumber(Lsp, 2026, n + 1).ToString(), "BLK", Scheme, ["C.13BTK01.001.2"],
                        Lsp, Today, Today.AddYears(3), At));
                else
                    certificationEvents.Add(new AppealFiled(certification, 1, "Unfair", null, At));
                session.Events.StartStream(certification, certificationEvents.ToArray());
            }
            await session.SaveChangesAsync();
        }
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using Ledger.Domain;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Daemon;
using Ledger.Projections.Regencies;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Store;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Bench;

/// <summary>
/// Writes ten years of certification history (at least <c>--rebuild-events</c> events) through the store's
/// multi-stream units of work, then rebuilds every async read model with <see cref="ProjectionDaemon.RebuildAsync"/>
/// and reports events/s beside a binary COPY of the same event rows out of the store, in the same run.
/// </summary>
public static class RebuildWorkload
{
    const string Schema = "bench_rebuild";
    const double Aim = 50_000;

    public static async Task RunAsync(BenchDatabase bench, Report report, long events)
    {
        var store = new EventStore(bench.DataSource, new EventTypeRegistry(), new LedgerStoreOptions { Schema = Schema });
        await bench.ExecuteAsync($"drop schema if exists {Schema} cascade");
        var domain = store.UseCertificationDomain(new DomainOptions { NikHashSecret = RandomNumberGenerator.GetBytes(32) });
        var daemon = new ProjectionDaemon(store,
        [
            new RegencyTotalsProjection(), new TargetProgressProjection(), new AssessmentOutcomesProjection(),
            new AgreementQuotasProjection(), new ArtisanProfilesProjection(),
        ]);
        await daemon.EnsureSchemaAsync();
        var official = OfficialList();
        await RegencyImport.ImportFileAsync(store, official);
        var regencies = (await RegencyImport.ParseAsync(new StringReader(await File.ReadAllTextAsync(official)))).Select(r => r.Code).ToList();

        var written = await WriteHistoryAsync(store, domain, regencies, events);
        await bench.ExecuteAsync($"vacuum analyze {Schema}.events");

        // Once unmeasured, so that the COPY and the rebuilds after it all read a warm cache.
        await CopyOutAsync(bench.DataSource);
        var clock = Stopwatch.StartNew();
        var copied = await CopyOutAsync(bench.DataSource);
        var copy = copied / clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"rebuild: COPY binary out of {copied:N0} event rows in {clock.Elapsed.TotalSeconds:N1} s");

        foreach (var projection in daemon.Projections)
        {
            var result = await daemon.RebuildAsync(projection.Name);
            if (result.Events != written) throw new InvalidOperationException($"{projection.Name} replayed {result.Events:N0} of {written:N0} events.");
            report.Add($"rebuild {projection.Name}, {result.Events:N0} events", "events/s", result.Events / result.Elapsed.TotalSeconds, copy,
                "COPY binary out of the same event rows", Aim / copy);
        }
        report.AddMemory("rebuild", "benchmark client (generator, store and daemon in process)", Report.OwnPeakMemory());
        await PrintTotalsAsync(bench.DataSource);
    }

    static async Task<long> WriteHistoryAsync(EventStore store, CertificationDomain domain, IReadOnlyList<string> regencies, long events)
    {
        var history = new CertificationHistory(domain.PersonalData, regencies);
        var (agreements, batches) = history.Plan(events);
        var metadata = new EventMetadata("registrar:bench", CorrelationId: "bench-rebuild");
        var clock = Stopwatch.StartNew();
        long written = 0;
        foreach (var unit in history.Batches(agreements, batches).Prepend(history.Agreements(agreements)))
        {
            var session = store.OpenSession(metadata);
            foreach (var append in unit.Appends)
                if (append.StreamType is { } type && append.ExpectedVersion == ExpectedVersion.NoStream) session.StartStream(append.StreamId, type, [.. append.Events]);
                else session.Append(append.StreamId, append.ExpectedVersion, [.. append.Events]);
            await session.SaveChangesAsync();
            written += unit.Events;
            if (written / 100_000 != (written - unit.Events) / 100_000)
                Console.Error.WriteLine($"rebuild: {written:N0} events written ({written / clock.Elapsed.TotalSeconds:N0} events/s)");
        }
        Console.Error.WriteLine($"rebuild: {written:N0} events in {batches.Count:N0} batches of {CertificationHistory.BatchSize} artisans, {agreements.Count} regencies, written in {clock.Elapsed.TotalSeconds:N0} s");
        return written;
    }

    /// <summary>The ceiling of reading the log: every event row streamed out in binary, each field read as the store reads it.</summary>
    static async Task<long> CopyOutAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var export = await connection.BeginBinaryExportAsync(
            $"copy (select seq, stream_id, version, type, data, metadata, recorded_at, tx_id from {Schema}.events order by tx_id, seq) to stdout (format binary)");
        long rows = 0;
        while (await export.StartRowAsync() != -1)
        {
            await export.ReadAsync<long>(NpgsqlDbType.Bigint);
            await export.ReadAsync<Guid>(NpgsqlDbType.Uuid);
            await export.ReadAsync<long>(NpgsqlDbType.Bigint);
            await export.ReadAsync<string>(NpgsqlDbType.Text);
            await export.ReadAsync<string>(NpgsqlDbType.Jsonb);
            await export.ReadAsync<string>(NpgsqlDbType.Jsonb);
            await export.ReadAsync<DateTimeOffset>(NpgsqlDbType.TimestampTz);
            await export.ReadAsync<ulong>(NpgsqlDbType.Xid8);
            rows++;
        }
        return rows;
    }

    static async Task PrintTotalsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""
            select (select sum(issued) from {Schema}.regency_totals), (select sum(valid) from {Schema}.regency_totals),
                   (select sum(attempts) from {Schema}.assessment_outcomes), (select count(*) from {Schema}.artisan_profiles),
                   (select count(distinct regency_code) from {Schema}.regency_totals)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.Error.WriteLine($"rebuild: read models hold {reader.GetInt64(0):N0} certificates issued ({reader.GetInt64(1):N0} valid), " +
            $"{reader.GetInt64(2):N0} assessment attempts, {reader.GetInt64(3):N0} artisan profiles, {reader.GetInt64(4)} regencies");
    }

    static string OfficialList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "regencies.csv"));
        throw new FileNotFoundException("No Ledger.sln above the benchmark's base directory.");
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using JasperFx.Events.Daemon;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.PersonalData;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Ledger.Projections.Regencies;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Bench;

/// <summary>
/// Writes ten years of certification history (at least <c>--rebuild-events</c> events) through the ledger's
/// store in multi-stream Marten sessions (the inline verification view kept as they commit), lets Marten's daemon
/// bring the five async read models up to the head of the log, as a host would, then rebuilds each with
/// <see cref="ReadModelRebuild"/> (a replay into shadow tables in Marten's daemon, then the swap) and reports
/// events/s per read model beside a binary COPY of the same event rows out of <c>mt_events</c>, in the same run.
/// </summary>
public static class RebuildWorkload
{
    const string Schema = "bench_rebuild";
    const double Aim = 50_000;

    public static async Task RunAsync(BenchDatabase bench, Report report, long events)
    {
        using var store = await BenchDatabase.PrepareLedgerStoreAsync(bench.DataSource, Schema, readSide: true);
        var database = new LedgerDatabase(bench.DataSource, Schema);
        var official = OfficialList();
        await RegencyImport.ImportFileAsync(database, official);
        var regencies = (await RegencyImport.ParseAsync(new StringReader(await File.ReadAllTextAsync(official)))).Select(r => r.Code).ToList();
        var personalData = new PersonalDataProtector(database, new DomainOptions { NikHashSecret = RandomNumberGenerator.GetBytes(32) });

        var written = await WriteHistoryAsync(store, personalData, regencies, events);
        await bench.ExecuteAsync($"vacuum analyze {Schema}.mt_events");

        // The live read models brought up to the head by the daemon, as a host's would be before anyone rebuilds.
        var clock = Stopwatch.StartNew();
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await CaughtUpAsync(bench.DataSource, written);
        var catchUp = clock.Elapsed;
        Console.Error.WriteLine($"rebuild: the daemon brought all five read models to the head in {catchUp.TotalSeconds:N1} s");

        // Once unmeasured, so that the COPY and the rebuilds after it all read a warm cache.
        await CopyOutAsync(bench.DataSource);
        clock.Restart();
        var copied = await CopyOutAsync(bench.DataSource);
        var copy = copied / clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"rebuild: COPY binary out of {copied:N0} event rows in {clock.Elapsed.TotalSeconds:N1} s");
        report.Add($"async daemon, all five read models from empty to the head together, {written:N0} events", "events/s", written / catchUp.TotalSeconds, copy,
            "COPY binary out of the same event rows", null);

        foreach (var name in LedgerReadModels.Names)
        {
            var result = await ReadModelRebuild.RebuildAsync(store, name);
            if (result.Events != written) throw new InvalidOperationException($"{name} replayed {result.Events:N0} of {written:N0} events.");
            Console.Error.WriteLine($"rebuild: {name} in {result.Elapsed.TotalSeconds:N1} s");
            report.Add($"rebuild {name}, {result.Events:N0} events", "events/s", result.Events / result.Elapsed.TotalSeconds, copy,
                "COPY binary out of the same event rows", Aim / copy);
        }
        await daemon.StopAllAsync();
        report.Note($"Rebuilds: the aim is {Aim:N0} events/s per read model, shown as a ratio of the COPY out of the same run. Each rebuild " +
            "replays the whole log into shadow tables in Marten's daemon and swaps them in; the live read models were at the head, their daemon running.");
        report.AddMemory("rebuild", "benchmark client (generator, store and daemon in process)", Report.OwnPeakMemory());
        await PrintTotalsAsync(bench.DataSource);
    }

    static async Task<long> WriteHistoryAsync(IDocumentStore store, PersonalDataProtector personalData, IReadOnlyList<string> regencies, long events)
    {
        var history = new CertificationHistory(personalData, regencies);
        var (agreements, batches) = history.Plan(events);
        var clock = Stopwatch.StartNew();
        long written = 0;
        foreach (var unit in history.Batches(agreements, batches).Prepend(history.Agreements(agreements)))
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = "registrar:bench";
            session.CorrelationId = "bench-rebuild";
            foreach (var append in unit.Appends)
                if (append.StartsAs is { } type) session.Events.StartStream(type, append.StreamId, [.. append.Events]);
                else session.Events.Append(append.StreamId, [.. append.Events]);
            foreach (var subject in unit.Subjects)
            {
                if (subject.Key is { } key) PersonalDataTables.StoreKey(session, subject.ArtisanId, key);
                PersonalDataTables.RecordNikHash(session, subject.NikHash, subject.ArtisanId);
            }
            await session.SaveChangesAsync();
            written += unit.Events;
            if (written / 100_000 != (written - unit.Events) / 100_000)
                Console.Error.WriteLine($"rebuild: {written:N0} events written ({written / clock.Elapsed.TotalSeconds:N0} events/s)");
        }
        Console.Error.WriteLine($"rebuild: {written:N0} events in {batches.Count:N0} batches of {CertificationHistory.BatchSize} artisans, {agreements.Count} regencies, written in {clock.Elapsed.TotalSeconds:N0} s");
        return written;
    }

    /// <summary>Waits until every live read model's progress reaches the last event.</summary>
    static async Task CaughtUpAsync(NpgsqlDataSource dataSource, long head)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"select count(*) from {Schema}.mt_event_progression where name = any($1) and last_seq_id >= (select max(seq_id) from {Schema}.mt_events)");
            command.Parameters.Add(new NpgsqlParameter { Value = LedgerReadModels.Names.Select(ReadModelRebuild.ShardOf).ToArray() });
            if ((long)(await command.ExecuteScalarAsync())! == LedgerReadModels.Names.Count) return;
            if (deadline.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException($"The daemon did not bring the read models to the head of {head:N0} events.");
            await Task.Delay(50);
        }
    }

    /// <summary>The ceiling of reading the log: every event row streamed out in binary, each field read as the daemon reads it.</summary>
    static async Task<long> CopyOutAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var export = await connection.BeginBinaryExportAsync(
            $"copy (select seq_id, id, stream_id, version, type, data, headers, timestamp, correlation_id, user_name from {Schema}.mt_events order by seq_id) to stdout (format binary)");
        export.Timeout = TimeSpan.Zero;
        long rows = 0;
        while (await export.StartRowAsync() != -1)
        {
            await export.ReadAsync<long>(NpgsqlDbType.Bigint);
            await export.ReadAsync<Guid>(NpgsqlDbType.Uuid);
            await export.ReadAsync<Guid>(NpgsqlDbType.Uuid);
            await export.ReadAsync<long>(NpgsqlDbType.Bigint);
            await export.ReadAsync<string>(NpgsqlDbType.Varchar);
            await export.ReadAsync<string>(NpgsqlDbType.Jsonb);
            await export.ReadAsync<string>(NpgsqlDbType.Jsonb);
            await export.ReadAsync<DateTimeOffset>(NpgsqlDbType.TimestampTz);
            if (export.IsNull) await export.SkipAsync(); else await export.ReadAsync<string>(NpgsqlDbType.Varchar);
            if (export.IsNull) await export.SkipAsync(); else await export.ReadAsync<string>(NpgsqlDbType.Varchar);
            rows++;
        }
        return rows;
    }

    static async Task PrintTotalsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""
            select (select coalesce(sum(issued), 0) from {Schema}.regency_totals), (select coalesce(sum(valid), 0) from {Schema}.regency_totals),
                   (select coalesce(sum(attempts), 0) from {Schema}.assessment_outcomes), (select count(*) from {Schema}.artisan_profiles),
                   (select count(distinct regency_code) from {Schema}.regency_totals), (select count(*) from {Schema}.verification_view)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.Error.WriteLine($"rebuild: read models hold {reader.GetInt64(0):N0} certificates issued ({reader.GetInt64(1):N0} valid), " +
            $"{reader.GetInt64(2):N0} assessment attempts, {reader.GetInt64(3):N0} artisan profiles, {reader.GetInt64(4)} regencies; " +
            $"the verification view {reader.GetInt64(5):N0} certificates");
    }

    static string OfficialList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "regencies.csv"));
        throw new FileNotFoundException("No Ledger.sln above the benchmark's base directory.");
    }
}

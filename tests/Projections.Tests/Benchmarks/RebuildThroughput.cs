using System.Diagnostics;
using Ledger.Testing;
using Npgsql;
using Projections.Tests.Support;
using Xunit.Abstractions;

namespace Projections.Tests.Benchmarks;

/// <summary>
/// Rebuilds each projection from a large log and prints events per second next to PostgreSQL's COPY of the
/// same rows (out of <c>events</c> and into a table of the same shape), measured in the same run.
/// <c>LEDGER_BENCH=1 LEDGER_BENCH_EVENTS=1000000 dotnet test tests/Projections.Tests -c Release --filter RebuildThroughput --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class RebuildThroughput(ITestOutputHelper output) : DaemonTest
{
    static int EventCount => int.TryParse(Environment.GetEnvironmentVariable("LEDGER_BENCH_EVENTS"), out var n) ? n : 1_000_000;

    const int Streams = 10_000;

    [BenchmarkFact]
    public async Task rebuilding_each_projection_from_a_million_events()
    {
        await SeedAsync(EventCount);
        var daemon = await DaemonAsync([new TallyTotalsProjection(), new AppliedEventsProjection()]);

        var copy = await CopyAsync();
        Report("COPY out of events and into a copy", EventCount, copy);

        foreach (var projection in daemon.Projections)
        {
            var result = await daemon.RebuildAsync(projection.Name);
            result.Events.ShouldBe(EventCount);
            Report($"rebuild {projection.Name}", result.Events, result.Elapsed);
        }

        (await TestDatabase.ScalarAsync<long>($"select sum(events) from \"{Schema}\".tally_totals")).ShouldBe(EventCount);
        (await CountAsync(AppliedEventsProjection.Table)).ShouldBe(EventCount);
    }

    void Report(string what, long events, TimeSpan elapsed)
    {
        var line = $"{what,-40} {events,10:N0} events in {elapsed.TotalSeconds,7:N2} s = {events / elapsed.TotalSeconds,10:N0} events/s";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>Writes the log in one statement: tally streams opened, then incremented round-robin.</summary>
    async Task SeedAsync(int count)
    {
        await using var command = TestDatabase.DataSource.CreateCommand($"""
            insert into "{Schema}".events (stream_id, version, type, data, metadata, recorded_at)
            select id, g / {Streams} + 1,
                   case when g < {Streams} then 'tally_opened' else 'tally_incremented' end,
                   case when g < {Streams} then jsonb_build_object('tallyId', id, 'name', 'tally ' || (g % {Streams}))
                        else jsonb_build_object('tallyId', id, 'by', 1) end,
                   jsonb_build_object(), now()
            from generate_series(0, $1 - 1) g, lateral (select md5((g % {Streams})::text)::uuid as id) s
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        await TestDatabase.ExecuteAsync($"analyze \"{Schema}\".events");
    }

    /// <summary>The floor to compare with: the same rows copied out of PostgreSQL and back in, in binary.</summary>
    async Task<TimeSpan> CopyAsync()
    {
        await TestDatabase.ExecuteAsync($"create table \"{Schema}\".events_copy (like \"{Schema}\".events)");
        var clock = Stopwatch.StartNew();
        await using var from = await TestDatabase.DataSource.OpenConnectionAsync();
        await using var to = await TestDatabase.DataSource.OpenConnectionAsync();
        await using (var reader = await from.BeginBinaryExportAsync(
            $"copy (select seq, stream_id, version, type, data, metadata, recorded_at, tx_id from \"{Schema}\".events order by tx_id, seq) to stdout (format binary)"))
        await using (var writer = await to.BeginBinaryImportAsync(
            $"copy \"{Schema}\".events_copy (seq, stream_id, version, type, data, metadata, recorded_at, tx_id) from stdin (format binary)"))
        {
            while (await reader.StartRowAsync() != -1)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(await reader.ReadAsync<long>(), NpgsqlTypes.NpgsqlDbType.Bigint);
                await writer.WriteAsync(await reader.ReadAsync<Guid>(), NpgsqlTypes.NpgsqlDbType.Uuid);
                await writer.WriteAsync(await reader.ReadAsync<long>(), NpgsqlTypes.NpgsqlDbType.Bigint);
                await writer.WriteAsync(await reader.ReadAsync<string>(), NpgsqlTypes.NpgsqlDbType.Text);
                await writer.WriteAsync(await reader.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Jsonb), NpgsqlTypes.NpgsqlDbType.Jsonb);
                await writer.WriteAsync(await reader.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Jsonb), NpgsqlTypes.NpgsqlDbType.Jsonb);
                await writer.WriteAsync(await reader.ReadAsync<DateTimeOffset>(), NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(await reader.ReadAsync<ulong>(NpgsqlTypes.NpgsqlDbType.Xid8), NpgsqlTypes.NpgsqlDbType.Xid8);
            }
            await writer.CompleteAsync();
        }
        return clock.Elapsed;
    }
}

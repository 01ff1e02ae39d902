using System.Diagnostics;
using Ledger.Integrity;
using Marten;
using Microsoft.Extensions.Hosting;

namespace Ledger.Bench;

/// <summary>
/// One event per transaction from 8 concurrent writers on distinct streams, each append a Marten session of its
/// own: through the ledger's store (hash chain trigger, tamper guard, inline verification view) and through plain
/// Marten (Quick append, nothing else); certificate events through the domain's commands, the inline view updated
/// in each append's transaction, and the same events in plain sessions (the view updated, no command); and pgbench
/// inserting one row of the same shape per transaction from 8 clients. All five in <see cref="Rounds"/>.
/// </summary>
public static class AppendWorkload
{
    const int Writers = 8;

    /// <summary>Ours against plain Marten's Quick append: the least ratio the ledger's trigger and view may cost.</summary>
    public const double AimVersusMarten = 0.75;

    public static async Task RunAsync(BenchDatabase bench, Report report, IHost commands, TimeSpan duration)
    {
        Console.Error.WriteLine($"append: {Writers} writers, one event per transaction, {Rounds.Count} rounds of {duration.TotalSeconds:0} s each");

        // Warm up connections and JIT on both stores.
        await RunWritersAsync(bench.Store, TimeSpan.FromSeconds(2));
        await RunWritersAsync(bench.PlainStore, TimeSpan.FromSeconds(2));
        var certificateWriters = await CertificateWriters.PrepareAsync(bench, commands, "LSPBENCH");

        var sample = new SampleRecorded(Guid.NewGuid(), "pembatik-tulis", "35.23", 1, DateTimeOffset.UtcNow);
        var variables = new Dictionary<string, string>
        {
            ["data"] = bench.Store.Serializer.ToJson(sample),
            ["dotnet"] = $"{typeof(SampleRecorded).FullName}, {typeof(SampleRecorded).Assembly.GetName().Name}",
            // The headers the ledger's chain writes: the previous event's hash and this one's, in hex.
            ["headers"] = $$"""{"{{CanonicalEncoding.PreviousHashHeader}}": "{{new string('0', 64)}}", "{{CanonicalEncoding.HashHeader}}": "{{new string('a', 64)}}"}""",
        };
        var script = $"""
            insert into {BenchDatabase.SchemaName}.plain_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, headers, user_name)
            values (nextval('{BenchDatabase.SchemaName}.plain_events_seq'), gen_random_uuid(), gen_random_uuid(), 1, :data, '{BenchDatabase.SampleEventName}', now(), '*DEFAULT*', :dotnet, 'bench', :headers, 'bench');
            """;

        List<double> ours = [], withView = [], direct = [], marten = [], plain = [];
        for (var round = 1; round <= Rounds.Count; round++)
        {
            ours.Add(await RunWritersAsync(bench.Store, duration));
            withView.Add((await certificateWriters.RunAsync(duration)).Rate);
            direct.Add(await certificateWriters.RunDirectAsync(duration));
            marten.Add(await RunWritersAsync(bench.PlainStore, duration));
            plain.Add(await Pgbench.TransactionsPerSecondAsync(bench.ConnectionString, script, Writers, duration, variables));
            Console.Error.WriteLine($"  append, round {round}: ours {ours[^1]:N0} events/s, through the commands with the view {withView[^1]:N0}, " +
                $"the same events without the command {direct[^1]:N0}; " +
                $"plain Marten {marten[^1]:N0}; pgbench {plain[^1]:N0}");
        }

        var (o, v, d, m, p) = (Rounds.Median(ours), Rounds.Median(withView), Rounds.Median(direct), Rounds.Median(marten), Rounds.Median(plain));
        const string ledgerRow = "append, 1 event/tx, 8 writers: ours (hash chain trigger, tamper guard, inline view registered)";
        const string commandRow = "append through the domain's commands (freeze, reinstate), inline verification view updated, 1 event/tx, 8 writers";
        report.Add(ledgerRow, "events/s", o, m, "plain Marten Quick append, same writers", AimVersusMarten);
        report.Add(ledgerRow, "events/s", o, p, "pgbench one-row insert", null);
        report.Add(commandRow, "events/s", v, m, "plain Marten Quick append, same writers", AimVersusMarten);
        report.Add(commandRow, "events/s", v, p, "pgbench one-row insert", null);
        const string directRow = "append of the same certificate events in plain sessions (no command), inline verification view updated, 1 event/tx, 8 writers";
        report.Add(directRow, "events/s", d, m, "plain Marten Quick append, same writers", AimVersusMarten);
        report.Add(directRow, "events/s", d, p, "pgbench one-row insert", null);
        report.Add("append, 1 event/tx, 8 writers: plain Marten Quick append (no trigger, no view)", "events/s", m, p, "pgbench one-row insert", null);
        report.Note($"Appends: the median of {Rounds.Count} rounds of {duration.TotalSeconds:0} s each, taken in turns. Events/s per round: "
            + $"ours {Rounds.List(ours, "N0")}; through the commands with the view {Rounds.List(withView, "N0")}; "
            + $"the same events without the command {Rounds.List(direct, "N0")}; "
            + $"plain Marten {Rounds.List(marten, "N0")}; pgbench {Rounds.List(plain, "N0")}.");
    }

    /// <summary>
    /// <see cref="Writers"/> writers, each on a stream of its own, appending one sample event per Marten session
    /// (Quick append, one round trip) for <paramref name="duration"/>; events per second.
    /// </summary>
    public static async Task<double> RunWritersAsync(IDocumentStore store, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            var stream = Guid.NewGuid();
            long written = 0;
            while (stopwatch.Elapsed < duration)
            {
                await AppendOneAsync(store, stream, (int)written + 1);
                written++;
            }
            return written;
        })));
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>One sample event in a session of its own, with the metadata the ledger records (ignored by a store that records none).</summary>
    public static async Task AppendOneAsync(IDocumentStore store, Guid stream, int attempt)
    {
        await using var session = store.LightweightSession();
        session.CorrelationId = "bench";
        session.LastModifiedBy = "bench";
        session.Events.Append(stream, new SampleRecorded(stream, "pembatik-tulis", "35.23", attempt, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
    }
}

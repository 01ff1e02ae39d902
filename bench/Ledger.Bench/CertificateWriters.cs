using Wolverine;
using Ledger.Commands;
using System.Diagnostics;
using System.Security.Cryptography;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.Projections;
using Ledger.Projections.ReadModels;
using Ledger.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ledger.Bench;

/// <summary>
/// One-event appends of the certification domain's own events through its commands (Wolverine handlers:
/// each fetches the certification for writing, decides, appends and saves in one Marten session, as the API does),
/// with the verification view kept inline: 8 writers, each with certificates of its own, freezing and reinstating
/// them in turn, so that every append also updates a certificate's row of the view in the same transaction. Each
/// writer goes round <see cref="CertificatesPerWriter"/> certificates, so that streams stay as short as real ones
/// and a fetch costs the same in the last round as in the first. <see cref="RunDirectAsync"/> appends the same events
/// to the same certificates in plain Marten sessions, without the command (no fetch, no decision): what the trigger
/// and the view cost, apart from what the command costs.
/// </summary>
public sealed class CertificateWriters
{
    const int Writers = 8;
    const int CertificatesPerWriter = 32;
    const string Actor = "registrar:bench";

    readonly IDocumentStore store;
    readonly IMessageBus bus;
    readonly Certificate[][] certificates;
    readonly int[] next = new int[Writers];

    sealed class Certificate(Guid id, string number)
    {
        public Guid Id { get; } = id;

        public string Number { get; } = number;

        public bool Frozen { get; set; }
    }

    CertificateWriters(IDocumentStore store, IMessageBus bus, Certificate[][] certificates) =>
        (this.store, this.bus, this.certificates) = (store, bus, certificates);

    /// <summary>The domain's commands on Wolverine over the benchmark's ledger store, the verification view inline: one for the run.</summary>
    public static Task<IHost> StartCommandsAsync(BenchDatabase bench) =>
        LedgerCommandHost.StartAsync(bench.DataSource, BenchDatabase.SchemaName,
            new DomainOptions { NikHashSecret = RandomNumberGenerator.GetBytes(32) },
            configure: options => LedgerReadModels.Configure(options, new ReadModelSettings { Database = new LedgerDatabase(bench.DataSource, BenchDatabase.SchemaName) }));

    /// <summary>
    /// Writers giving their commands through <paramref name="commands"/>, with certificates of their own issued by
    /// <paramref name="issuer"/> (an LSP code no other writers of the run use, so that their streams start as short as
    /// these), and a short warm-up.
    /// </summary>
    public static async Task<CertificateWriters> PrepareAsync(BenchDatabase bench, IHost commands, string issuer)
    {
        Console.Error.WriteLine($"commands through the bus: {Writers} writers freezing and reinstating {CertificatesPerWriter} certificates each, issued by {issuer}");
        var serial = 0;
        var certificates = new Certificate[Writers][];
        for (var w = 0; w < Writers; w++)
        {
            certificates[w] = new Certificate[CertificatesPerWriter];
            for (var c = 0; c < CertificatesPerWriter; c++)
            {
                var number = new CertificateNumber(issuer, DateTime.UtcNow.Year, ++serial).ToString();
                certificates[w][c] = new Certificate(await IssueAsync(bench, issuer, number, serial), number);
            }
        }
        var writers = new CertificateWriters(bench.Store, commands.Services.GetRequiredService<IMessageBus>(), certificates);
        await writers.RunAsync(TimeSpan.FromSeconds(2)); // warm-up
        await writers.RunDirectAsync(TimeSpan.FromSeconds(1));
        return writers;
    }

    /// <summary>
    /// Events per second through the commands for <paramref name="duration"/>, each writer going on from where it
    /// stopped, and the latency of a command (sent to the bus until its events are committed).
    /// </summary>
    public async Task<(double Rate, Latency Latency)> RunAsync(TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var writers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            long written = 0;
            var timings = new List<double>();
            var options = new CommandOptions(CorrelationId: "bench");
            while (stopwatch.Elapsed < duration)
            {
                var certificate = certificates[w][next[w]];
                next[w] = (next[w] + 1) % CertificatesPerWriter;
                var started = Stopwatch.GetTimestamp();
                var result = certificate.Frozen
                    ? await bus.RecordAsync(new ReinstateCertificate(certificate.Id, "benchmark: documents in order", Actor, DateTimeOffset.UtcNow), options)
                    : await bus.RecordAsync(new FreezeCertificate(certificate.Id, "benchmark: document check", Actor, DateTimeOffset.UtcNow), options);
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                certificate.Frozen = !certificate.Frozen;
                written += result.Events.Count;
            }
            return (written, timings);
        })));
        return (writers.Sum(w => w.written) / stopwatch.Elapsed.TotalSeconds, Latency.Of(writers.SelectMany(w => w.timings)));
    }

    /// <summary>
    /// Events per second appended straight in Marten sessions (Quick append, the chain trigger and the inline view; no
    /// fetch, no decision) for <paramref name="duration"/>, going on with the same certificates.
    /// </summary>
    public async Task<double> RunDirectAsync(TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            long written = 0;
            while (stopwatch.Elapsed < duration)
            {
                var certificate = certificates[w][next[w]];
                next[w] = (next[w] + 1) % CertificatesPerWriter;
                await using (var session = store.LightweightSession())
                {
                    session.LastModifiedBy = Actor;
                    session.CorrelationId = "bench";
                    object change = certificate.Frozen
                        ? new CertificateReinstated(certificate.Id, certificate.Number, "benchmark: documents in order", null, DateTimeOffset.UtcNow)
                        : new CertificateFrozen(certificate.Id, certificate.Number, "benchmark: document check", null, DateTimeOffset.UtcNow);
                    session.SetHeader(LedgerStore.ReasonHeader, certificate.Frozen ? "benchmark: documents in order" : "benchmark: document check");
                    session.Events.Append(certificate.Id, change);
                    await session.SaveChangesAsync();
                }
                certificate.Frozen = !certificate.Frozen;
                written++;
            }
            return written;
        })));
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>An enrolled certification with its certificate issued, appended straight to a new stream (not measured).</summary>
    static async Task<Guid> IssueAsync(BenchDatabase bench, string issuer, string number, int serial)
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var today = Ledger.Domain.Days.InJakarta(at);
        await using var session = bench.Store.LightweightSession();
        session.LastModifiedBy = Actor;
        session.Events.StartStream<Certification>(id,
            new ArtisanEnrolled(id, Guid.NewGuid(), "PEMBATIK-TULIS", "35.23", Guid.NewGuid(), null, today.Year, null, at),
            new CertificateIssued(id, number, $"B-{serial:000000}", "PEMBATIK-TULIS",
                ["C.1", "C.2"], issuer, today, today.AddYears(3), at));
        await session.SaveChangesAsync();
        return id;
    }
}

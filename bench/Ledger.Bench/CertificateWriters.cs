using System.Diagnostics;
using System.Security.Cryptography;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Marten;

namespace Ledger.Bench;

/// <summary>
/// One-event appends of the certification domain's own events through its commands (<see cref="LedgerCommands"/>:
/// each fetches the certification for writing, decides, appends and saves in one Marten session, as the API does),
/// with the verification view kept inline: 8 writers, each with certificates of its own, freezing and reinstating
/// them in turn, so that every append also updates a certificate's row of the view in the same transaction. Each
/// writer goes round <see cref="CertificatesPerWriter"/> certificates, so that streams stay as short as real ones
/// and a fetch costs the same in the last round as in the first.
/// </summary>
public sealed class CertificateWriters
{
    const int Writers = 8;
    const int CertificatesPerWriter = 32;
    const string Actor = "registrar:bench";

    readonly LedgerCommands commands;
    readonly Certificate[][] certificates;
    readonly int[] next = new int[Writers];

    sealed class Certificate(Guid id)
    {
        public Guid Id { get; } = id;

        public bool Frozen { get; set; }
    }

    CertificateWriters(LedgerCommands commands, Certificate[][] certificates) => (this.commands, this.certificates) = (commands, certificates);

    /// <summary>The domain on the benchmark's ledger store, the certificates issued, and a short warm-up.</summary>
    public static async Task<CertificateWriters> PrepareAsync(BenchDatabase bench)
    {
        Console.Error.WriteLine($"append through the commands: {Writers} writers freezing and reinstating {CertificatesPerWriter} certificates each");
        var domain = new CertificationDomain(bench.Store, new LedgerDatabase(bench.DataSource, BenchDatabase.SchemaName),
            new DomainOptions { NikHashSecret = RandomNumberGenerator.GetBytes(32) });
        var serial = 0;
        var certificates = new Certificate[Writers][];
        for (var w = 0; w < Writers; w++)
        {
            certificates[w] = new Certificate[CertificatesPerWriter];
            for (var c = 0; c < CertificatesPerWriter; c++)
                certificates[w][c] = new Certificate(await IssueAsync(bench, ++serial));
        }
        var writers = new CertificateWriters(domain.Commands, certificates);
        await writers.RunAsync(TimeSpan.FromSeconds(2)); // warm-up
        return writers;
    }

    /// <summary>Events per second for <paramref name="duration"/>, each writer going on from where it stopped.</summary>
    public async Task<double> RunAsync(TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            long written = 0;
            var options = new CommandOptions(CorrelationId: "bench");
            while (stopwatch.Elapsed < duration)
            {
                var certificate = certificates[w][next[w]];
                next[w] = (next[w] + 1) % CertificatesPerWriter;
                var result = certificate.Frozen
                    ? await commands.HandleAsync(new ReinstateCertificate(certificate.Id, "benchmark: documents in order", Actor, DateTimeOffset.UtcNow), options)
                    : await commands.HandleAsync(new FreezeCertificate(certificate.Id, "benchmark: document check", Actor, DateTimeOffset.UtcNow), options);
                certificate.Frozen = !certificate.Frozen;
                written += result.Events.Count;
            }
            return written;
        })));
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>An enrolled certification with its certificate issued, appended straight to a new stream (not measured).</summary>
    static async Task<Guid> IssueAsync(BenchDatabase bench, int serial)
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        await using var session = bench.Store.LightweightSession();
        session.LastModifiedBy = Actor;
        session.Events.StartStream<Certification>(id,
            new ArtisanEnrolled(id, Guid.NewGuid(), "PEMBATIK-TULIS", "35.23", Guid.NewGuid(), null, today.Year, at),
            new CertificateIssued(id, new CertificateNumber("LSPBENCH", today.Year, serial).ToString(), $"B-{serial:000000}", "PEMBATIK-TULIS",
                ["C.1", "C.2"], "LSPBENCH", today, today.AddYears(3), at));
        await session.SaveChangesAsync();
        return id;
    }
}

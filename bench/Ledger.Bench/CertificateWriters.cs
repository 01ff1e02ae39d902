using System.Diagnostics;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Projections.Verification;
using Ledger.Store;

namespace Ledger.Bench;

/// <summary>
/// One-event appends of the certification domain's own events with the verification view kept inline, as the API
/// keeps it: 8 writers, each on a certificate of its own, freezing and reinstating it in turn, so that every
/// append also updates the certificate's row of the view in the same transaction.
/// </summary>
public sealed class CertificateWriters
{
    const int Writers = 8;
    const string Schema = "bench_inline";

    readonly EventStore store;
    readonly EventMetadata metadata;
    readonly (Guid Id, string Number, long Version)[] certificates;

    CertificateWriters(EventStore store, EventMetadata metadata, (Guid Id, string Number, long Version)[] certificates) =>
        (this.store, this.metadata, this.certificates) = (store, metadata, certificates);

    /// <summary>A fresh schema with the view, one issued certificate per writer, and a short warm-up.</summary>
    public static async Task<CertificateWriters> PrepareAsync(BenchDatabase bench, EventMetadata metadata)
    {
        Console.Error.WriteLine($"append with the verification view: {Writers} writers freezing and reinstating their certificates");
        await bench.ExecuteAsync($"drop schema if exists {Schema} cascade");
        var store = new EventStore(bench.DataSource, LedgerEvents.Register(new EventTypeRegistry()), new LedgerStoreOptions { Schema = Schema });
        store.Migrator.Add(VerificationTables.All);
        store.AddInlineProjection(new VerificationProjection());
        await store.MigrateAsync();

        var certificates = await Task.WhenAll(Enumerable.Range(1, Writers).Select(n => IssueAsync(store, metadata, n)));
        var writers = new CertificateWriters(store, metadata, certificates);
        await writers.RunAsync(TimeSpan.FromSeconds(2)); // warm-up
        return writers;
    }

    /// <summary>Events per second for <paramref name="duration"/>, each writer going on from where it stopped.</summary>
    public Task<double> RunAsync(TimeSpan duration) => WriteAsync(store, metadata, certificates, duration);

    static async Task<(Guid Id, string Number, long Version)> IssueAsync(EventStore store, EventMetadata metadata, int n)
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var number = new CertificateNumber("LSPBENCH", 2026, n).ToString();
        await store.OpenSession(metadata)
            .Append(id, ExpectedVersion.NoStream,
                new ArtisanEnrolled(id, Guid.NewGuid(), "PEMBATIK-TULIS", "35.23", Guid.NewGuid(), null, 2026, at),
                new CertificateIssued(id, number, $"B-{n:000000}", "PEMBATIK-TULIS", ["C.1", "C.2"], "LSPBENCH",
                    DateOnly.FromDateTime(at.UtcDateTime), DateOnly.FromDateTime(at.UtcDateTime).AddYears(3), at))
            .SaveChangesAsync();
        return (id, number, 2);
    }

    static async Task<double> WriteAsync(EventStore store, EventMetadata metadata, (Guid Id, string Number, long Version)[] certificates, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, certificates.Length).Select(w => Task.Run(async () =>
        {
            var (id, number, version) = certificates[w];
            long written = 0;
            while (stopwatch.Elapsed < duration)
            {
                object change = version % 2 == 0
                    ? new CertificateFrozen(id, number, "benchmark: document check", DateTimeOffset.UtcNow)
                    : new CertificateReinstated(id, number, "benchmark: documents in order", DateTimeOffset.UtcNow);
                await store.AppendAsync(id, version, metadata, change);
                version++;
                written++;
            }
            certificates[w] = (id, number, version);
            return written;
        })));
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }
}

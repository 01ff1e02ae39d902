using System.Security.Cryptography;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Daemon;
using Ledger.Projections.Daemon.Schema;
using Ledger.Projections.Regencies;
using Ledger.Projections.RegencyTotals;
using Ledger.Projections.TargetProgress;
using Ledger.Projections.Verification;
using Ledger.Store;

namespace Projections.Tests.Support;

/// <summary>
/// The certification domain on the real store with the read side: the inline verification view, the
/// official regency list, and a small realistic year in Tuban (35.23) and Serang (36.04).
/// </summary>
public abstract class ReadModelScenario : DaemonTest
{
    public const string Scheme = "PEMBATIK-TULIS";
    public const string Registrar = "registrar:dewi";
    public const string Lsp = "LSPBATIK";
    protected static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
    protected static readonly DateOnly Today = DateOnly.FromDateTime(At.DateTime);

    protected ReadModelScenario()
    {
        Store.AddProjectionMigrations();
        Store.Migrator.Add(VerificationTables.All);
        Domain = Store.UseCertificationDomain(new DomainOptions { NikHashSecret = RandomNumberGenerator.GetBytes(32) });
        Store.AddInlineProjection(new VerificationProjection());
    }

    protected CertificationDomain Domain { get; }

    protected LedgerCommands Commands => Domain.Commands;

    protected override EventTypeRegistry CreateRegistry() => new();

    protected static IAsyncProjection[] ReadModels() =>
    [
        new RegencyTotalsProjection(), new TargetProgressProjection(), new AssessmentOutcomesProjection(),
        new AgreementQuotasProjection(), new ArtisanProfilesProjection(),
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegencyImport.ImportFileAsync(Store, OfficialList());
    }

    static string OfficialList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "regencies.csv"));
        throw new FileNotFoundException("No Ledger.sln above the test's base directory.");
    }

    protected sealed record Region(string Regency, Guid MouId, Guid PksId, Guid BatchId, string Site, string Assessor);

    protected static readonly Region Tuban = new("35.23", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "TUK Sewaktu Tuban", "Budi Santoso");
    protected static readonly Region Serang = new("36.04", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "TUK Sewaktu Serang", "Ani Lestari");

    int nik;

    protected async Task SignAsync(Region r, int quota = 10)
    {
        await Commands.HandleAsync(new SignMou(r.MouId, r.Regency, "BBSPJIKB Yogyakarta", "Bupati", "Kepala BBSPJIKB",
            new DateOnly(2025, 1, 10), new DateOnly(2029, 12, 31), Registrar, At));
        await Commands.HandleAsync(new SignPks(r.PksId, r.MouId, "Dinas Koperasi UKM", "Kepala Dinas", "Kepala BBSPJIKB",
            new DateOnly(2025, 2, 1), new DateOnly(2027, 12, 31), [Scheme], quota, "kompor listrik", Registrar, At));
        await Commands.HandleAsync(new PlanBatch(r.BatchId, r.PksId, "BBSPJIKB Yogyakarta", "Balai Desa", Scheme, Today, Today.AddDays(4), 20, Registrar, At));
    }

    /// <summary>Registers and enrolls an artisan in the region's batch; returns the artisan and certification ids.</summary>
    protected async Task<(Guid Artisan, Guid Certification)> EnrollAsync(Region r, string name = "Siti Rahayu")
    {
        var artisan = Guid.NewGuid();
        var n = Interlocked.Increment(ref nik);
        await Commands.HandleAsync(new RegisterArtisan(artisan, name, $"3523{n:D12}", Gender.Female, 1985, r.Regency, "IKM Batik Gedog", Registrar, At));
        await Commands.HandleAsync(new EnrollArtisan(artisan, Scheme, r.PksId, r.BatchId, Registrar, At));
        var certification = CertificationStreams.IdFor(artisan, Scheme);
        await Commands.HandleAsync(new AcceptApplication(certification, Registrar, At));
        return (artisan, certification);
    }

    protected async Task AssessAsync(Region r, Guid certification, Competence outcome)
    {
        await Commands.HandleAsync(new RecordAssessment(certification, r.Assessor, r.Site, Today,
            [new UnitAssessment("C.13BTK01.001.2", outcome, EvidenceMethod.Observation)], Registrar, At));
        await Commands.HandleAsync(new DecideCertification(certification, outcome, ["Rina Wati", "Agus Salim"], Registrar, At));
    }

    /// <summary>Enrolls, assesses K, decides and issues; returns the certificate number.</summary>
    protected async Task<(Guid Artisan, Guid Certification, string Number)> CertifyAsync(Region r, string name = "Siti Rahayu")
    {
        var (artisan, certification) = await EnrollAsync(r, name);
        await AssessAsync(r, certification, Competence.Competent);
        var issued = await Commands.HandleAsync(new IssueCertificate(certification, $"BLK-{Guid.NewGuid():N}"[..12], Lsp, Registrar, At));
        var number = issued.Events.Select(e => e.Data).OfType<CertificateIssued>().Single().CertificateNumber;
        return (artisan, certification, number);
    }

    /// <summary>
    /// Tuban: three certified (one frozen, one revoked). Serang: one certified, one assessed BK. Aid to the
    /// Tuban artisan who stays valid, and a monitoring visit.
    /// </summary>
    protected async Task<Guid> RealisticYearAsync()
    {
        await SignAsync(Tuban);
        await SignAsync(Serang);
        var valid = await CertifyAsync(Tuban, "Siti Rahayu");
        var frozen = await CertifyAsync(Tuban, "Sri Wahyuni");
        var revoked = await CertifyAsync(Tuban, "Endang Lestari");
        await Commands.HandleAsync(new FreezeCertificate(frozen.Certification, "Misuse under investigation", Registrar, At));
        await Commands.HandleAsync(new RevokeCertificate(revoked.Certification, "Final conviction for fraud", Registrar, At));
        await CertifyAsync(Serang, "Nur Aini");
        var (_, bk) = await EnrollAsync(Serang, "Dewi Sartika");
        await AssessAsync(Serang, bk, Competence.NotYetCompetent);
        await Commands.HandleAsync(new RecordEquipmentAid(valid.Artisan, "kompor listrik", 1, Tuban.PksId, Registrar, At));
        await Commands.HandleAsync(new RecordMonevVisit(valid.Artisan, Today, "Petugas Dinas", "Producing regularly", Registrar, At));
        return valid.Artisan;
    }
}

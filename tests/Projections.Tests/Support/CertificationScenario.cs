using System.Security.Cryptography;
using System.Text;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Testing;

namespace Projections.Tests.Support;

/// <summary>
/// The certification domain's events appended straight through Marten sessions, one command's events per
/// transaction: agreements in Tuban (35.23) and Serang (36.04), artisans registered (their names sealed under a
/// key of their own), enrolled, assessed, certified, frozen, revoked, given aid and visited; and a small realistic year.
/// </summary>
public abstract class CertificationScenario : ReadSideTest
{
    public const string Scheme = "PEMBATIK-TULIS";
    public const string Lsp = "LSPBATIK";
    protected static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
    protected static readonly DateOnly Today = DateOnly.FromDateTime(At.DateTime);

    protected sealed record Region(string Regency, Guid MouId, Guid PksId, Guid BatchId, string Site, string Assessor);

    protected readonly Region Tuban = new("35.23", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "TUK Sewaktu Tuban", "Budi Santoso");
    protected readonly Region Serang = new("36.04", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "TUK Sewaktu Serang", "Ani Lestari");

    int serial;

    protected async Task SignAsync(Region r, int quota = 10)
    {
        await AppendAsync(r.MouId, new MouSigned(r.MouId, r.Regency, "BBSPJIKB Yogyakarta", "Bupati", "Kepala BBSPJIKB",
            new DateOnly(2025, 1, 10), new DateOnly(2029, 12, 31), At));
        await AppendAsync(r.PksId, new PksSigned(r.PksId, r.MouId, r.Regency, "Dinas Koperasi UKM", "Kepala Dinas", "Kepala BBSPJIKB",
            new DateOnly(2025, 2, 1), new DateOnly(2027, 12, 31), [Scheme], quota, "kompor listrik", At));
        await AppendAsync(r.BatchId, new BatchPlanned(r.BatchId, r.PksId, "BBSPJIKB Yogyakarta", "Balai Desa", Scheme, Today, Today.AddDays(4), 20, null, At));
    }

    /// <summary>Registers and enrolls an artisan in the region's batch; returns the artisan and certification ids.</summary>
    protected async Task<(Guid Artisan, Guid Certification)> EnrollAsync(Region r, string name = "Siti Rahayu")
    {
        var artisan = Guid.NewGuid();
        var key = RandomNumberGenerator.GetBytes(32);
        await AppendAsync(artisan, new ArtisanRegistered(artisan, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), Seal(artisan, key, "3523000000000001"),
            Seal(artisan, key, name), Gender.Female, 1985, r.Regency, "IKM Batik Gedog", null, At));
        await TestDatabase.ExecuteAsync($"insert into \"{Schema}\".personal_data_keys (subject_id, key, created_at) values ($1, $2, now())", artisan, key);
        var certification = CertificationStreams.IdFor(artisan, Scheme);
        await AppendAsync(certification, new ArtisanEnrolled(certification, artisan, Scheme, r.Regency, r.PksId, r.BatchId, 2026, null, At),
            new ApplicationAccepted(certification, null, At));
        return (artisan, certification);
    }

    protected Task AssessAsync(Region r, Guid certification, Competence outcome, int attempt = 1) =>
        AppendAsync(certification,
            new AssessmentRecorded(certification, attempt, r.Assessor, r.Site, Today, [new UnitAssessment("C.13BTK01.001.2", outcome, EvidenceMethod.Observation)], outcome, At),
            new CertificationDecided(certification, attempt, outcome, ["Rina Wati", "Agus Salim"], null, At));

    /// <summary>Issues the certificate (valid three years from today); returns its number.</summary>
    protected async Task<string> IssueAsync(Guid certification, string lsp = Lsp)
    {
        var number = new CertificateNumber(lsp, 2026, Interlocked.Increment(ref serial)).ToString();
        await AppendAsync(certification, new CertificateIssued(certification, number, $"BLK-{Guid.NewGuid():N}"[..12], Scheme, ["C.13BTK01.001.2"], lsp,
            Today, Today.AddYears(3).AddDays(-1), At));
        return number;
    }

    /// <summary>Enrolls, assesses K and issues; returns the ids and the certificate number.</summary>
    protected async Task<(Guid Artisan, Guid Certification, string Number)> CertifyAsync(Region r, string name = "Siti Rahayu")
    {
        var (artisan, certification) = await EnrollAsync(r, name);
        await AssessAsync(r, certification, Competence.Competent);
        return (artisan, certification, await IssueAsync(certification));
    }

    protected Task FreezeAsync(Guid certification, string number, string reason = "Misuse under investigation") =>
        AppendAsync(certification, new CertificateFrozen(certification, number, reason, null, At));

    protected Task RevokeAsync(Guid certification, string number, string reason = "Final conviction for fraud") =>
        AppendAsync(certification, new CertificateRevoked(certification, number, reason, "registrar:dewi", null, At));

    /// <summary>
    /// Tuban: three certified (one frozen, one revoked). Serang: one certified, one assessed BK. Aid to the
    /// Tuban artisan who stays valid, and a monitoring visit. Returns that artisan.
    /// </summary>
    protected async Task<Guid> RealisticYearAsync()
    {
        await SignAsync(Tuban);
        await SignAsync(Serang);
        var valid = await CertifyAsync(Tuban, "Siti Rahayu");
        var frozen = await CertifyAsync(Tuban, "Sri Wahyuni");
        var revoked = await CertifyAsync(Tuban, "Endang Lestari");
        await FreezeAsync(frozen.Certification, frozen.Number);
        await RevokeAsync(revoked.Certification, revoked.Number);
        await CertifyAsync(Serang, "Nur Aini");
        var (_, bk) = await EnrollAsync(Serang, "Dewi Sartika");
        await AssessAsync(Serang, bk, Competence.NotYetCompetent);
        await AppendAsync(valid.Artisan, new EquipmentAidReceived(valid.Artisan, "kompor listrik", 1, Tuban.PksId, null, At));
        await AppendAsync(valid.Artisan, new MonevVisitRecorded(valid.Artisan, Today, "Petugas Dinas", "Producing regularly", At));
        return valid.Artisan;
    }

    /// <summary>Seals a personal field as the ledger does (AES-GCM under the subject's key, the subject id as associated data).</summary>
    protected static string Seal(Guid subject, byte[] key, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[12 + 16 + plain.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), subject.ToByteArray());
        return "v1:" + Convert.ToBase64String(sealedBytes);
    }
}

using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;

namespace Ledger.Tests.Domain;

/// <summary>A small cast: Siti from Tuban, the regency's MoU and PKS with BBSPJIKB, and her certification in Pembatik Tulis.</summary>
public static class Sample
{
    public const string Registrar = "registrar:dewi";
    public const string Scheme = "PEMBATIK-TULIS";
    public const string Regency = "35.23";
    public const string Assessor = "Budi Santoso";
    public static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
    public static readonly DateOnly Today = DateOnly.FromDateTime(At.DateTime);

    public static readonly Guid ArtisanId = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    public static readonly Guid MouId = Guid.Parse("b0000000-0000-0000-0000-000000000001");
    public static readonly Guid PksId = Guid.Parse("c0000000-0000-0000-0000-000000000001");
    public static readonly Guid BatchId = Guid.Parse("d0000000-0000-0000-0000-000000000001");
    public static readonly Guid CertificationId = CertificationStreams.IdFor(ArtisanId, Scheme);

    public static readonly UnitAssessment[] UnitsK =
    [
        new("C.13BTK01.001.2", Competence.Competent, EvidenceMethod.Portfolio),
        new("C.13BTK01.002.2", Competence.Competent, EvidenceMethod.Observation),
    ];

    public static ArtisanRegistered ArtisanRegistered(string regency = Regency) =>
        new(ArtisanId, "hash", "v1:nik", "v1:name", Gender.Female, 1985, regency, "IKM Batik Gedog Tuban", Today.AddDays(-60), At.AddDays(-60));

    public static MouSigned MouSigned() =>
        new(MouId, Regency, "BBSPJIKB Yogyakarta", "Bupati Tuban", "Kepala BBSPJIKB", new DateOnly(2025, 1, 10), new DateOnly(2029, 12, 31), At.AddDays(-400));

    public static PksSigned PksSigned(int quota = 10) =>
        new(PksId, MouId, Regency, "Dinas Koperasi UKM Perindustrian dan Perdagangan Kabupaten Tuban", "Kepala Dinas", "Kepala BBSPJIKB",
            new DateOnly(2025, 2, 1), new DateOnly(2027, 12, 31), [Scheme], quota, "kompor listrik", At.AddDays(-390));

    public static ArtisanEnrolled Enrolled => new(CertificationId, ArtisanId, Scheme, Regency, PksId, null, 2026, Today.AddDays(-30), At.AddDays(-30));
    public static ApplicationAccepted Accepted => new(CertificationId, Today.AddDays(-29), At.AddDays(-29));
    public static AssessmentRecorded Assessed(int attempt = 1, Competence unit = Competence.Competent) =>
        new(CertificationId, attempt, Assessor, "TUK Sewaktu Tuban", Today.AddDays(-20 + attempt),
            [new("C.13BTK01.001.2", unit, EvidenceMethod.Observation)], unit, At.AddDays(-20 + attempt));
    public static CertificationDecided Decided(int attempt = 1, Competence decision = Competence.Competent) =>
        new(CertificationId, attempt, decision, ["Rina Wati", "Agus Salim"], Today.AddDays(-10 + attempt), At.AddDays(-10 + attempt));
    public static CertificateIssued Issued(DateOnly? from = null) =>
        new(CertificationId, "LSPBATIK-2026-000001-" + new CertificateNumber("LSPBATIK", 2026, 1).CheckCharacter, "BLK-0001", Scheme,
            ["C.13BTK01.001.2"], "LSPBATIK", from ?? Today.AddDays(-5), IssueCertificate.ValidUntil(from ?? Today.AddDays(-5)), At.AddDays(-5));

    /// <summary>A certification up to the issued certificate.</summary>
    public static object[] Certified(DateOnly? from = null) => [Enrolled, Accepted, Assessed(), Decided(), Issued(from)];

    public static string Number => new CertificateNumber("LSPBATIK", 2026, 1).ToString();
}

using Wolverine;
using Ledger.Commands;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Domain;

namespace Ledger.Api.Tests.Verification;

/// <summary>A certified artisan, recorded through the domain's commands on the host's store.</summary>
public static class CertifiedThroughTheDomain
{
    const string Scheme = "PEMBATIK-TULIS";
    const string Registrar = "registrar:dewi";

    /// <summary>
    /// One regency's agreements and one artisan certified, all at <paramref name="at"/> (the certificate is valid three
    /// years from that day in Asia/Jakarta); returns the certification id and the certificate number.
    /// </summary>
    public static async Task<(Guid Certification, string Number)> CertifyAsync(IMessageBus bus, string name, DateTimeOffset at)
    {
        var day = Days.InJakarta(at);
        var (mou, pks, artisan) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await bus.RecordAsync(new SignMou(mou, "35.23", "BBSPJIKB Yogyakarta", "Bupati Tuban", "Kepala BBSPJIKB",
            day.AddDays(-30), day.AddYears(4), Registrar, at));
        await bus.RecordAsync(new SignPks(pks, mou, "Dinas Koperasi UKM Tuban", "Kepala Dinas", "Kepala BBSPJIKB",
            day.AddDays(-20), day.AddYears(2), [Scheme], 10, "kompor listrik", Registrar, at));
        await bus.RecordAsync(new RegisterArtisan(artisan, name, $"3523{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}",
            Gender.Female, 1985, "35.23", "IKM Batik Gedog", Registrar, at));
        await bus.RecordAsync(new EnrollArtisan(artisan, Scheme, pks, null, Registrar, at));
        var certification = CertificationStreams.IdFor(artisan, Scheme);
        await bus.RecordAsync(new AcceptApplication(certification, Registrar, at));
        await bus.RecordAsync(new RecordAssessment(certification, "Budi Santoso", "TUK Sewaktu Tuban", day,
            [new UnitAssessment("C.13BTK01.001.2", Competence.Competent, EvidenceMethod.Observation)], Registrar, at));
        await bus.RecordAsync(new DecideCertification(certification, Competence.Competent, ["Rina Wati"], Registrar, at));
        var issued = await bus.RecordAsync(new IssueCertificate(certification, $"BLK-{Guid.NewGuid():N}"[..12], "LSPBATIK", Registrar, at));
        return (certification, issued.Events.Select(e => e.Data).OfType<CertificateIssued>().Single().CertificateNumber);
    }
}

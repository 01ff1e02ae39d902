using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Agreements;
using Ledger.Api.Hosting;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Verification;

/// <summary>The host records the expiry of certificates past their dates, as the lookup already judges them.</summary>
public sealed class ExpiringCertificates(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    const string Scheme = "PEMBATIK-TULIS";
    const string Registrar = "registrar:dewi";

    LedgerCommands Commands => api.Services.GetRequiredService<LedgerCommands>();

    ExpiryService Expiry => api.Services.GetRequiredService<ExpiryService>();

    /// <summary>A certificate issued at <paramref name="at"/> (valid three years from then); returns its certification id and number.</summary>
    async Task<(Guid Certification, string Number)> CertifyAsync(string name, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var (mou, pks, artisan) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Commands.HandleAsync(new SignMou(mou, "35.23", "BBSPJIKB Yogyakarta", "Bupati Tuban", "Kepala BBSPJIKB",
            day.AddDays(-30), day.AddYears(4), Registrar, at));
        await Commands.HandleAsync(new SignPks(pks, mou, "Dinas Koperasi UKM Tuban", "Kepala Dinas", "Kepala BBSPJIKB",
            day.AddDays(-20), day.AddYears(2), [Scheme], 10, "kompor listrik", Registrar, at));
        await Commands.HandleAsync(new RegisterArtisan(artisan, name, $"3523{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}",
            Gender.Female, 1985, "35.23", "IKM Batik Gedog", Registrar, at));
        await Commands.HandleAsync(new EnrollArtisan(artisan, Scheme, pks, null, Registrar, at));
        var certification = CertificationStreams.IdFor(artisan, Scheme);
        await Commands.HandleAsync(new AcceptApplication(certification, Registrar, at));
        await Commands.HandleAsync(new RecordAssessment(certification, "Budi Santoso", "TUK Sewaktu Tuban", day,
            [new UnitAssessment("C.13BTK01.001.2", Competence.Competent, EvidenceMethod.Observation)], Registrar, at));
        await Commands.HandleAsync(new DecideCertification(certification, Competence.Competent, ["Rina Wati"], Registrar, at));
        var issued = await Commands.HandleAsync(new IssueCertificate(certification, $"BLK-{Guid.NewGuid():N}"[..12], "LSPBATIK", Registrar, at));
        return (certification, issued.Events.Select(e => e.Data).OfType<CertificateIssued>().Single().CertificateNumber);
    }

    async Task<string> StatusAsync(string number) =>
        (await api.ClientFor(null).GetFromJsonAsync<JsonElement>($"/api/verify/{number}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task a_certificate_past_its_dates_is_recorded_expired_and_a_revoked_or_current_one_is_left_alone()
    {
        var fourYearsAgo = DateTimeOffset.UtcNow.AddYears(-4);
        var (old, oldNumber) = await CertifyAsync("Siti Rahayu", fourYearsAgo);
        var (revoked, revokedNumber) = await CertifyAsync("Dewi Lestari", fourYearsAgo);
        await Commands.HandleAsync(new RevokeCertificate(revoked, "Certificate obtained with a forged portfolio", Registrar, fourYearsAgo.AddDays(10)));
        var (_, currentNumber) = await CertifyAsync("Ani Suryani", DateTimeOffset.UtcNow);

        await Expiry.ExpireDueAsync(CancellationToken.None);

        (await StatusAsync(oldNumber)).ShouldBe("expired");
        (await StatusAsync(revokedNumber)).ShouldBe("revoked");
        (await StatusAsync(currentNumber)).ShouldBe("valid");
        var history = await api.Services.GetRequiredService<EventStore>().FetchStreamAsync(old);
        history[^1].Data.ShouldBeOfType<CertificateExpired>().CertificateNumber.ShouldBe(oldNumber);
        history[^1].Metadata.Actor.ShouldBe(ExpiryService.Actor);
        (await api.Services.GetRequiredService<EventStore>().FetchStreamAsync(revoked))
            .ShouldNotContain(e => e.Data is CertificateExpired);
    }

    [Fact]
    public async Task a_second_round_finds_nothing_left_to_expire()
    {
        var (_, number) = await CertifyAsync("Nur Aini", DateTimeOffset.UtcNow.AddYears(-4));

        await Expiry.ExpireDueAsync(CancellationToken.None);
        var again = await Expiry.ExpireDueAsync(CancellationToken.None);

        again.ShouldBe(0);
        (await StatusAsync(number)).ShouldBe("expired");
    }
}

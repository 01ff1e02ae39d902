using Ledger.Agreements;
using Ledger.Certifications;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Testing;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

/// <summary>
/// A 2022 cohort recorded from its paper register years later, through the commands: every fact keeps the day it
/// happened, quota seats count in the year of enrollment, and a certificate whose validity has ended expires at once.
/// </summary>
public sealed class RecordingACohortAfterTheFact : DomainTest
{
    static readonly DateOnly IssuedOn = new(2022, 12, 20);
    static readonly DateOnly HandedOverOn = new(2023, 1, 26);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignAgreementsAsync(quota: 1, signedIn: 2022);
    }

    Task EnrollAsync(Guid artisan, DateOnly on) =>
        Commands.RecordAsync(new EnrollArtisan(artisan, Scheme, PksId, null, Registrar, DateTimeOffset.UtcNow) { EnrolledOn = on });

    [Fact]
    public async Task a_2022_certificate_handed_over_in_2023_keeps_its_dates_and_expires_at_once()
    {
        var artisan = await RegisterAsync(1);
        await EnrollAsync(artisan, new DateOnly(2022, 8, 1));
        var certification = await CompetentAsync(artisan, new DateOnly(2022, 8, 10));

        await Commands.RecordAsync(new IssueCertificate(certification, "BLK-2022-17", "LSPBATIK", Registrar, DateTimeOffset.UtcNow) { IssuedOn = IssuedOn });
        await Commands.RecordAsync(new HandOverCertificate(certification, "Bupati Jombang", "Pendopo Kabupaten Jombang", Registrar, DateTimeOffset.UtcNow)
        {
            HandedOverOn = HandedOverOn,
        });

        await Eventually.HoldsAsync(async () => (await StateAsync<Certification>(certification)).Status == CertificateStatus.Expired,
            "the certificate, valid until 2025-12-19, to be recorded expired");
        var state = await StateAsync<Certification>(certification);
        state.Certificate!.Number.ShouldStartWith("LSPBATIK-2022-");
        state.Certificate.ValidFrom.ShouldBe(IssuedOn);
        state.Certificate.ValidUntil.ShouldBe(new DateOnly(2025, 12, 19));
        state.Certificate.HandedOver.ShouldBe(new Handover("Bupati Jombang", "Pendopo Kabupaten Jombang", HandedOverOn));
        var stream = await StreamAsync(certification);
        stream.Single(e => e.Data is CertificateHandedOver).EventTypeName.ShouldBe("certificate_handed_over");
        stream.Select(e => e.Data).OfType<CertificateExpired>().ShouldHaveSingleItem().EffectiveOn.ShouldBe(new DateOnly(2025, 12, 20));
    }

    [Fact]
    public async Task the_2022_and_2023_quotas_are_filled_each_in_its_own_year()
    {
        await EnrollAsync(await RegisterAsync(2), new DateOnly(2022, 3, 14));
        await EnrollAsync(await RegisterAsync(3), new DateOnly(2023, 3, 14));

        var third = await RegisterAsync(4);
        var refused = await Should.ThrowAsync<DomainException>(() => EnrollAsync(third, new DateOnly(2023, 5, 2)));
        refused.Message.ShouldBe($"The 2023 quota of 1 artisans under PKS {PksId} is used up.");
        (await StateAsync<Pks>(PksId)).SeatsTaken.ShouldBe(new Dictionary<int, int> { [2022] = 1, [2023] = 1 });
    }

    [Fact]
    public async Task a_handover_before_the_issue_is_refused_naming_both_dates()
    {
        var artisan = await RegisterAsync(5);
        await EnrollAsync(artisan, new DateOnly(2022, 8, 1));
        var certification = await CompetentAsync(artisan, new DateOnly(2022, 8, 10));
        await Commands.RecordAsync(new IssueCertificate(certification, "BLK-2022-18", "LSPBATIK", Registrar, DateTimeOffset.UtcNow) { IssuedOn = IssuedOn });

        var refused = await Should.ThrowAsync<DomainException>(() => Commands.RecordAsync(
            new HandOverCertificate(certification, "Bupati Jombang", "Pendopo", Registrar, DateTimeOffset.UtcNow) { HandedOverOn = new DateOnly(2022, 12, 1) }));

        refused.Message.ShouldBe("The handover date 2022-12-01 precedes the issue of 2022-12-20.");
    }
}

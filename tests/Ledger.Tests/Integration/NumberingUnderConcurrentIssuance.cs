using Ledger.Commands;
using Ledger.Certifications;
using Ledger.Marten;
using Ledger.Testing;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

public sealed class NumberingUnderConcurrentIssuance : DomainTest
{
    [Fact]
    public async Task twelve_certificates_issued_at_once_take_serials_1_to_12_without_a_duplicate()
    {
        await SignAgreementsAsync(quota: 20);
        var certifications = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var artisan = await RegisterAsync(i);
            await Commands.RecordAsync(new EnrollArtisan(artisan, Scheme, PksId, null, Registrar, At));
            certifications.Add(await CompetentAsync(artisan));
        }

        var (won, lost) = await RaceAsync(12, i =>
            Commands.RecordAsync(new IssueCertificate(certifications[i], $"BLK-{i:D4}", "LSPBATIK", Registrar, At)));

        lost.Select(e => e.ToString()).ShouldBeEmpty();
        won.ShouldBe(12);
        var numbers = new List<CertificateNumber>();
        foreach (var id in certifications)
            numbers.Add(CertificateNumber.Parse((await StateAsync<Certification>(id)).Certificate!.Number));
        numbers.Select(n => n.Serial).Order().ShouldBe(Enumerable.Range(1, 12));
        numbers.ShouldAllBe(n => n.LspCode == "LSPBATIK" && n.Year == 2026);
        (await TestDatabase.ScalarAsync<long>(
            $"select count(distinct data->>'certificateNumber') from \"{Schema}\".mt_events where type = 'certificate_issued'")).ShouldBe(12);
    }

    [Fact]
    public async Task the_whole_life_of_a_certificate_is_one_stream_that_ends_in_reads_only()
    {
        await SignAgreementsAsync(quota: 5);
        var artisan = await RegisterAsync(1);
        await Commands.RecordAsync(new EnrollArtisan(artisan, Scheme, PksId, null, Registrar, At));
        var id = await CompetentAsync(artisan);
        await Commands.RecordAsync(new IssueCertificate(id, "BLK-0001", "LSPBATIK", Registrar, At));
        await Commands.RecordAsync(new FreezeCertificate(id, "under investigation", Registrar, At));
        await Commands.RecordAsync(new ReinstateCertificate(id, "no misuse found", Registrar, At));
        var revoked = await Commands.RecordAsync(new RevokeCertificate(id, "final conviction", "registrar:lsp-head", At));

        var recorded = (await StreamAsync(id))[^1];
        recorded.GetHeader(LedgerStore.ReasonHeader)?.ToString().ShouldBe("final conviction");
        recorded.UserName.ShouldBe("registrar:lsp-head");
        (await StreamAsync(id)).Select(e => e.EventTypeName).ShouldBe(
        [
            "artisan_enrolled", "application_accepted", "assessment_recorded", "certification_decided", "certificate_issued",
            "certificate_frozen", "certificate_reinstated", "certificate_revoked",
        ]);
        var state = await StateAsync<Certification>(id);
        state.StatusOn(Today).ShouldBe(VerificationStatus.Revoked);
        (await Should.ThrowAsync<Ledger.Domain.DomainException>(() => Commands.RecordAsync(new FreezeCertificate(id, "again", Registrar, At))))
            .Message.ShouldContain("can only be read");
    }

    [Fact]
    public async Task a_stale_expected_version_is_a_conflict_not_a_retry()
    {
        await SignAgreementsAsync(quota: 5);
        var artisan = await RegisterAsync(1);
        var enrolled = await Commands.RecordAsync(new EnrollArtisan(artisan, Scheme, PksId, null, Registrar, At));
        await Commands.RecordAsync(new AcceptApplication(enrolled.StreamId, Registrar, At));

        var error = await Should.ThrowAsync<JasperFx.ConcurrencyException>(() =>
            Commands.RecordAsync(new RecordAssessment(enrolled.StreamId, Assessor, "TUK", Today, UnitsK, Registrar, At),
                new Ledger.Domain.CommandOptions(ExpectedVersion: 1)));
        error.Id.ShouldBe(enrolled.StreamId);
        (await StreamAsync(enrolled.StreamId)).Count.ShouldBe(2);
    }
}

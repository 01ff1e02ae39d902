using Ledger.Certifications;
using Ledger.Projections.Verification;
using Projections.Tests.Support;

namespace Projections.Tests.Verification;

/// <summary>The inline verification view: current right after each command, with no daemon running.</summary>
public sealed class VerifyingCertificates : ReadModelScenario
{
    VerificationQuery Query => new(Store);

    [Fact]
    public async Task each_command_is_visible_to_the_very_next_lookup_with_a_masked_holder()
    {
        await SignAsync(Tuban);
        var (_, certification, text) = await CertifyAsync(Tuban, "Siti Rahayu");
        var number = CertificateNumber.Parse(text);

        var issued = (await Query.FindAsync(number)).ShouldNotBeNull();
        issued.ShouldBe(new CertificateVerification(text, "valid", "S***i R***u", Scheme, Lsp, Today, IssueCertificate.ValidUntil(Today), null));

        await Commands.HandleAsync(new FreezeCertificate(certification, "Misuse under investigation", Registrar, At));
        (await Query.FindAsync(number))!.ShouldSatisfyAllConditions(v => v.Status.ShouldBe("frozen"), v => v.Reason.ShouldBe("Misuse under investigation"));

        await Commands.HandleAsync(new ReinstateCertificate(certification, "Cleared", Registrar, At));
        (await Query.FindAsync(number))!.ShouldSatisfyAllConditions(v => v.Status.ShouldBe("valid"), v => v.Reason.ShouldBeNull());

        await Commands.HandleAsync(new RevokeCertificate(certification, "Final conviction for fraud", Registrar, At));
        (await Query.FindAsync(number))!.ShouldSatisfyAllConditions(v => v.Status.ShouldBe("revoked"), v => v.Reason.ShouldBe("Final conviction for fraud"));
    }

    [Fact]
    public async Task a_certificate_past_its_last_valid_day_is_expired_at_lookup_even_before_expiry_is_recorded()
    {
        await SignAsync(Tuban);
        var (_, _, text) = await CertifyAsync(Tuban);

        Clock.Advance(TimeSpan.FromDays(3 * 366));

        (await Query.FindAsync(CertificateNumber.Parse(text)))!.Status.ShouldBe("expired");
    }

    [Fact]
    public async Task after_erasure_the_lookup_still_answers_without_a_name()
    {
        await SignAsync(Tuban);
        var (artisan, _, text) = await CertifyAsync(Tuban);

        await Commands.HandleAsync(new Ledger.Artisans.ErasePersonalData(artisan, "Request under UU 27/2022", Registrar, At));

        var found = (await Query.FindAsync(CertificateNumber.Parse(text))).ShouldNotBeNull();
        found.Status.ShouldBe("valid");
        found.Holder.ShouldBeNull();
    }

    [Fact]
    public async Task a_holder_shown_by_one_lookup_is_shown_corrected_and_then_erased_by_the_next()
    {
        var query = new VerificationQuery(Store);
        await SignAsync(Tuban);
        var (artisan, _, text) = await CertifyAsync(Tuban, "Siti Rahayu");
        var number = CertificateNumber.Parse(text);
        (await query.FindAsync(number))!.Holder.ShouldBe("S***i R***u");

        await Commands.HandleAsync(new Ledger.Artisans.CorrectArtisanDetails(artisan, "Sri Rahayuningsih", null, null, null, null, null,
            "Name misspelt at registration", Registrar, At));
        (await query.FindAsync(number))!.Holder.ShouldBe("S***i R***h");

        await Commands.HandleAsync(new Ledger.Artisans.ErasePersonalData(artisan, "Request under UU 27/2022", Registrar, At));
        (await query.FindAsync(number))!.Holder.ShouldBeNull();
    }

    [Fact]
    public async Task an_unknown_number_is_not_found()
    {
        (await Query.FindAsync(new CertificateNumber(Lsp, 2026, 999))).ShouldBeNull();
    }
}

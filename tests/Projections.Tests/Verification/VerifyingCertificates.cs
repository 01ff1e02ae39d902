using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Projections.Verification;
using Ledger.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.Verification;

/// <summary>The inline verification view: current right after each append, with no daemon running.</summary>
public sealed class VerifyingCertificates : CertificationScenario
{
    VerificationQuery Query => new(Database, Clock);

    [Fact]
    public async Task each_change_is_visible_to_the_very_next_lookup_with_a_masked_holder()
    {
        await SignAsync(Tuban);
        var (_, certification, text) = await CertifyAsync(Tuban, "Siti Rahayu");
        var number = CertificateNumber.Parse(text);

        (await Query.FindAsync(number)).ShouldBe(
            new CertificateVerification(text, "valid", "S***i R***u", Scheme, Lsp, Today, Today.AddYears(3).AddDays(-1), null));

        await FreezeAsync(certification, text, "Misuse under investigation");
        (await Query.FindAsync(number))!.ShouldSatisfyAllConditions(v => v.Status.ShouldBe("frozen"), v => v.Reason.ShouldBe("Misuse under investigation"));

        await AppendAsync(certification, new CertificateReinstated(certification, text, "Cleared", null, At));
        (await Query.FindAsync(number))!.ShouldSatisfyAllConditions(v => v.Status.ShouldBe("valid"), v => v.Reason.ShouldBeNull());

        await RevokeAsync(certification, text, "Final conviction for fraud");
        (await Query.FindAsync(number))!.ShouldSatisfyAllConditions(v => v.Status.ShouldBe("revoked"), v => v.Reason.ShouldBe("Final conviction for fraud"));
        (await TestDatabase.ScalarAsync<long>($"select updated_version from \"{Schema}\".verification_view where certificate_number = $1", text))
            .ShouldBe(await TestDatabase.ScalarAsync<long>($"select version from \"{Schema}\".mt_streams where id = $1", certification));
    }

    [Fact]
    public async Task changes_appended_together_apply_in_their_order()
    {
        await SignAsync(Tuban);
        var (_, certification, text) = await CertifyAsync(Tuban);

        await AppendAsync(certification, new CertificateFrozen(certification, text, "Checking", null, At), new CertificateReinstated(certification, text, "Checked", null, At),
            new CertificateRevoked(certification, text, "Fraud", "registrar:dewi", null, At));

        (await Query.FindAsync(CertificateNumber.Parse(text)))!.ShouldSatisfyAllConditions(v => v.Status.ShouldBe("revoked"), v => v.Reason.ShouldBe("Fraud"));
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
    public async Task a_holder_shown_by_one_lookup_is_shown_corrected_and_then_erased_by_the_next()
    {
        await SignAsync(Tuban);
        var (artisan, _, text) = await CertifyAsync(Tuban, "Siti Rahayu");
        var number = CertificateNumber.Parse(text);
        (await Query.FindAsync(number))!.Holder.ShouldBe("S***i R***u");

        var key = await TestDatabase.ScalarAsync<byte[]>($"select key from \"{Schema}\".personal_data_keys where subject_id = $1", artisan);
        await AppendAsync(artisan, new ArtisanDetailsCorrected(artisan, null, null, Seal(artisan, key, "Sri Rahayuningsih"), null, null, null, null, null, At));
        (await Query.FindAsync(number))!.Holder.ShouldBe("S***i R***h");

        await TestDatabase.ExecuteAsync($"delete from \"{Schema}\".personal_data_keys where subject_id = $1", artisan);
        await AppendAsync(artisan, new PersonalDataErased(artisan, "Request under UU 27/2022", null, At));
        var erased = (await Query.FindAsync(number)).ShouldNotBeNull();
        erased.Status.ShouldBe("valid");
        erased.Holder.ShouldBeNull();
    }

    [Fact]
    public async Task an_unknown_number_is_not_found()
    {
        (await Query.FindAsync(new CertificateNumber(Lsp, 2026, 999))).ShouldBeNull();
    }
}

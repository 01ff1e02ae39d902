using Ledger.Certifications;
using Ledger.Domain;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class IssuingCertificates
{
    static readonly IssueCertificate Issue = new(CertificationId, "BLK-0042", "lspbatik", Registrar, At);

    [Fact]
    public void a_k_decision_leads_to_a_certificate_with_the_next_number_valid_for_three_years()
    {
        var state = Given<Certification>(Enrolled, Accepted, Assessed(), Decided()).State;

        var issuance = IssueCertificate.Decide(state, new CertificateNumbering(41), Issue);

        var number = new CertificateNumber("LSPBATIK", 2026, 42).ToString();
        new Ledger.Tests.Domain.When(() => issuance.Certification).Then(new CertificateIssued(CertificationId, number, "BLK-0042", Scheme, ["C.13BTK01.001.2"],
            "LSPBATIK", Today, new DateOnly(2029, 3, 1), At));
        issuance.NumberingId.ShouldBe(CertificateNumbering.StreamIdFor("LSPBATIK", 2026));
        issuance.Number.ShouldBe(new CertificateNumberAssigned(issuance.NumberingId, "LSPBATIK", 2026, 42, number, CertificationId, Today, At));
    }

    [Fact]
    public void no_certificate_without_a_k_decision() =>
        Given<Certification>(Enrolled, Accepted, Assessed())
            .When(s => IssueCertificate.Decide(s, CertificateNumbering.Initial, Issue).Certification)
            .ThenRefused("without a K (competent) decision");

    [Fact]
    public void a_bk_decision_gives_no_certificate() =>
        Given<Certification>(Enrolled, Accepted, Assessed(1, Competence.NotYetCompetent), Decided(1, Competence.NotYetCompetent))
            .When(s => IssueCertificate.Decide(s, CertificateNumbering.Initial, Issue).Certification)
            .ThenRefused("without a K (competent) decision");

    [Fact]
    public void a_second_active_certificate_in_the_same_scheme_is_refused() =>
        Given<Certification>(Certified())
            .When(s => IssueCertificate.Decide(s, CertificateNumbering.Initial, Issue).Certification)
            .ThenRefused("has already been issued");

    [Fact]
    public void an_issued_certificate_is_valid_until_its_last_day_and_expired_after()
    {
        var state = Given<Certification>(Certified(from: Today)).State;
        state.StatusOn(Today).ShouldBe(VerificationStatus.Valid);
        state.StatusOn(new DateOnly(2029, 3, 1)).ShouldBe(VerificationStatus.Valid);
        state.StatusOn(new DateOnly(2029, 3, 2)).ShouldBe(VerificationStatus.Expired);
    }
}

public sealed class NumberingCertificates
{
    [Fact]
    public void a_number_reads_back_with_its_parts()
    {
        var number = new CertificateNumber("LSPBATIK", 2026, 42);
        number.ToString().ShouldStartWith("LSPBATIK-2026-000042-");
        CertificateNumber.TryParse(" " + number.ToString().ToLowerInvariant() + " ", out var parsed, out var error).ShouldBeTrue();
        parsed.ShouldBe(number);
        error.ShouldBe(CertificateNumberError.None);
    }

    [Fact]
    public void every_single_mistyped_character_is_caught_by_the_check_character()
    {
        var text = new CertificateNumber("LSPBATIK", 2026, 42).ToString();
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '-') continue;
            foreach (var c in alphabet.Where(c => c != text[i]))
            {
                var typo = text[..i] + c + text[(i + 1)..];
                CertificateNumber.TryParse(typo, out _, out var error).ShouldBeFalse(typo);
            }
        }
    }

    [Fact]
    public void swapped_neighbouring_digits_in_the_serial_are_caught()
    {
        var text = new CertificateNumber("LSPBATIK", 2026, 123456).ToString();
        var swapped = text.Replace("123456", "124356");
        CertificateNumber.TryParse(swapped, out _, out var error).ShouldBeFalse();
        error.ShouldBe(CertificateNumberError.BadCheckCharacter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("LSPBATIK-2026-42-7")]
    [InlineData("LSPBATIK/2026/000042/7")]
    [InlineData("LSPBATIK-2026-000000-0")]
    [InlineData("LSP BATIK-2026-000042-7")]
    [InlineData("LSPBATIK-\uFF12\uFF10\uFF12\uFF16-000042-7")] // full-width digits
    [InlineData("LSPBATIK-2026-\u0660\u0660\u0660\u0660\u0664\u0662-7")] // Arabic-Indic digits
    public void a_number_not_in_the_format_is_malformed(string text)
    {
        CertificateNumber.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe(CertificateNumberError.Malformed);
    }

    [Fact]
    public void a_wrong_check_character_is_told_apart_from_a_malformed_number()
    {
        var good = new CertificateNumber("LSPBATIK", 2026, 42).ToString();
        var bad = good[..^1] + (good[^1] == '0' ? '1' : '0');
        CertificateNumber.TryParse(bad, out _, out var error).ShouldBeFalse();
        error.ShouldBe(CertificateNumberError.BadCheckCharacter);
        Should.Throw<FormatException>(() => CertificateNumber.Parse(bad)).Message.ShouldContain("mistyped");
    }
}

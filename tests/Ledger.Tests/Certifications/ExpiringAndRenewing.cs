using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class ExpiringCertificates
{
    static readonly DateOnly LastDay = IssueCertificate.ValidUntil(Today);

    static DateTimeOffset On(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7));

    [Fact]
    public void a_certificate_expires_the_day_after_its_validity_ends() =>
        Given<Certification>(Certified(from: Today))
            .When(s => ExpireCertificate.Decide(s, new(CertificationId, Registrar, On(LastDay.AddDays(1)))))
            .Then(new CertificateExpired(CertificationId, Number, LastDay, On(LastDay.AddDays(1))));

    [Fact]
    public void expiring_before_the_validity_ends_is_refused() =>
        Given<Certification>(Certified(from: Today))
            .When(s => ExpireCertificate.Decide(s, new(CertificationId, Registrar, On(LastDay))))
            .ThenRefused($"is valid until {LastDay:yyyy-MM-dd}; it cannot expire before then");

    [Fact]
    public void an_expired_certificate_is_not_valid() =>
        Given<Certification>([.. Certified(from: Today), new CertificateExpired(CertificationId, Number, LastDay, At)])
            .State.StatusOn(Today).ShouldBe(VerificationStatus.Expired);
}

public sealed class RenewingCertificates
{
    static readonly DateOnly LastDay = IssueCertificate.ValidUntil(Today);
    static readonly DateTimeOffset NearTheEnd = new(LastDay.AddMonths(-2).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7));
    static readonly DateOnly NearTheEndDay = DateOnly.FromDateTime(NearTheEnd.DateTime);

    static object[] Recertified =>
    [
        .. Certified(from: Today),
        new AssessmentRecorded(CertificationId, 2, "Sri Lestari", "TUK Tuban", NearTheEndDay, [UnitsK[0]], Competence.Competent, NearTheEnd),
        new CertificationDecided(CertificationId, 2, Competence.Competent, ["Rina Wati"], NearTheEnd),
    ];

    [Fact]
    public void renewal_after_re_certification_gives_three_new_years() =>
        Given<Certification>(Recertified)
            .When(s => RenewCertificate.Decide(s, new(CertificationId, "BLK-0999", Registrar, NearTheEnd)))
            .Then(new CertificateRenewed(CertificationId, Number, "BLK-0999", 2, NearTheEndDay, IssueCertificate.ValidUntil(NearTheEndDay), NearTheEnd));

    [Fact]
    public void renewal_without_a_re_certification_decision_is_refused() =>
        Given<Certification>(Certified(from: Today))
            .When(s => RenewCertificate.Decide(s, new(CertificationId, "BLK-0999", Registrar, NearTheEnd)))
            .ThenRefused("needs a K decision on a re-certification assessment");

    [Fact]
    public void a_re_certification_attempt_can_follow_an_active_certificate() =>
        Given<Certification>(Certified(from: Today))
            .When(s => RecordAssessment.Decide(s, new(CertificationId, "Sri Lestari", "TUK Tuban", NearTheEndDay, [UnitsK[0]], Registrar, NearTheEnd)))
            .Then(new AssessmentRecorded(CertificationId, 2, "Sri Lestari", "TUK Tuban", NearTheEndDay, [UnitsK[0]], Competence.Competent, NearTheEnd));

    [Fact]
    public void renewing_a_frozen_certificate_is_refused() =>
        Given<Certification>([.. Recertified, new CertificateFrozen(CertificationId, Number, "r", NearTheEnd)])
            .When(s => RenewCertificate.Decide(s, new(CertificationId, "BLK-0999", Registrar, NearTheEnd)))
            .ThenRefused("is frozen");

    [Fact]
    public void renewing_long_before_the_end_is_refused() =>
        Given<Certification>(Recertified)
            .When(s => RenewCertificate.Decide(s, new(CertificationId, "BLK-0999", Registrar, At)))
            .ThenRefused("can be renewed from");
}

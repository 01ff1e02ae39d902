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

public sealed class ExpiriesComingDue
{
    static readonly DateOnly LastDay = IssueCertificate.ValidUntil(Today);
    static readonly CertificateExpiryDue Due = new(CertificationId, LastDay);
    static readonly DateTimeOffset DayAfter = new(LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));

    static object[] Renewed(DateOnly on) =>
        [.. Certified(from: Today), new CertificateRenewed(CertificationId, Number, "BLK-0999", 2, on, IssueCertificate.ValidUntil(on), At)];

    static CertificateExpiryDue? After(object[] given, Func<Certification, IReadOnlyList<object>> decide)
    {
        var state = Given<Certification>(given).State;
        return CertificateExpiryDue.After(new(CertificationId, state, given.Length), decide(state));
    }

    [Fact]
    public void an_expiry_comes_due_at_the_start_of_the_day_after_the_last_valid_day_in_jakarta() =>
        Due.DueAt().ShouldBe(DayAfter);

    [Fact]
    public void a_due_expiry_records_the_certificate_expired_by_the_ledger_at_that_moment() =>
        Given<Certification>(Certified(from: Today))
            .When(s => CertificateExpiryDue.Decide(s, Due))
            .Then(new CertificateExpired(CertificationId, Number, LastDay, DayAfter));

    [Fact]
    public void a_frozen_certificate_expires_when_its_expiry_comes_due() =>
        Given<Certification>([.. Certified(from: Today), new CertificateFrozen(CertificationId, Number, "r", Today, At)])
            .When(s => CertificateExpiryDue.Decide(s, Due))
            .Then(new CertificateExpired(CertificationId, Number, LastDay, DayAfter));

    [Fact]
    public void the_expiry_of_a_revoked_certificate_records_nothing() =>
        Given<Certification>([.. Certified(from: Today), new CertificateRevoked(CertificationId, Number, "r", Registrar, Today, At)])
            .When(s => CertificateExpiryDue.Decide(s, Due))
            .Then();

    [Fact]
    public void an_expiry_that_comes_due_again_records_nothing_more() =>
        Given<Certification>([.. Certified(from: Today), new CertificateExpired(CertificationId, Number, LastDay, DayAfter)])
            .When(s => CertificateExpiryDue.Decide(s, Due))
            .Then();

    [Fact]
    public void the_old_expiry_of_a_certificate_renewed_since_records_nothing() =>
        Given<Certification>(Renewed(LastDay.AddMonths(-2)))
            .When(s => CertificateExpiryDue.Decide(s, Due))
            .Then();

    [Fact]
    public void the_expiry_of_a_certification_without_a_certificate_records_nothing() =>
        Given<Certification>(Enrolled, Accepted)
            .When(s => CertificateExpiryDue.Decide(s, Due))
            .Then();

    [Fact]
    public void issuing_renewing_and_reinstating_leave_the_current_validity_to_expire()
    {
        After([Enrolled, Accepted, Assessed(), Decided()], _ => [Issued(from: Today)]).ShouldBe(Due);
        var renewal = LastDay.AddMonths(-2);
        After(Certified(from: Today), _ => [Renewed(renewal)[^1]]).ShouldBe(new CertificateExpiryDue(CertificationId, IssueCertificate.ValidUntil(renewal)));
        After([.. Certified(from: Today), new CertificateFrozen(CertificationId, Number, "r", Today, At)],
            _ => [new CertificateReinstated(CertificationId, Number, "investigation closed", Today, At)]).ShouldBe(Due);
    }

    [Fact]
    public void other_decisions_leave_no_expiry_to_schedule()
    {
        After(Certified(from: Today), _ => [new CertificateFrozen(CertificationId, Number, "r", Today, At)]).ShouldBeNull();
        After(Certified(from: Today), _ => [new CertificateRevoked(CertificationId, Number, "r", Registrar, Today, At)]).ShouldBeNull();
        After(Certified(from: Today), _ => []).ShouldBeNull();
    }
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
        new CertificationDecided(CertificationId, 2, Competence.Competent, ["Rina Wati"], null, NearTheEnd),
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
        Given<Certification>([.. Recertified, new CertificateFrozen(CertificationId, Number, "r", null, NearTheEnd)])
            .When(s => RenewCertificate.Decide(s, new(CertificationId, "BLK-0999", Registrar, NearTheEnd)))
            .ThenRefused("is frozen");

    [Fact]
    public void renewing_long_before_the_end_is_refused() =>
        Given<Certification>(
            [
                .. Certified(from: Today),
                new AssessmentRecorded(CertificationId, 2, "Sri Lestari", "TUK Tuban", Today.AddDays(30), [UnitsK[0]], Competence.Competent, At.AddDays(30)),
                new CertificationDecided(CertificationId, 2, Competence.Competent, ["Rina Wati"], Today.AddDays(30), At.AddDays(30)),
            ])
            .When(s => RenewCertificate.Decide(s, new(CertificationId, "BLK-0999", Registrar, At.AddDays(31))))
            .ThenRefused("can be renewed from");
}

using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class FreezingCertificates
{
    static FreezeCertificate Freeze => new(CertificationId, "under investigation for misuse", Registrar, At);

    [Fact]
    public void freezing_an_active_certificate_records_the_reason_and_makes_it_invalid()
    {
        Given<Certification>(Certified()).When(s => FreezeCertificate.Decide(s, Freeze))
            .Then(new CertificateFrozen(CertificationId, Number, "under investigation for misuse", Today, At));
        Given<Certification>([.. Certified(), new CertificateFrozen(CertificationId, Number, "r", Today, At)]).State
            .StatusOn(Today).ShouldBe(VerificationStatus.Frozen);
    }

    [Fact]
    public void freezing_a_frozen_certificate_is_refused() =>
        Given<Certification>([.. Certified(), new CertificateFrozen(CertificationId, Number, "r", Today, At)])
            .When(s => FreezeCertificate.Decide(s, Freeze)).ThenRefused($"Certificate {Number} is already frozen.");

    [Fact]
    public void freezing_a_revoked_certificate_is_refused() =>
        Given<Certification>([.. Certified(), new CertificateRevoked(CertificationId, Number, "r", Registrar, Today, At)])
            .When(s => FreezeCertificate.Decide(s, Freeze)).ThenRefused("was revoked on 2026-03-02");

    [Fact]
    public void freezing_without_a_reason_is_refused() =>
        Given<Certification>(Certified()).When(s => FreezeCertificate.Decide(s, Freeze with { Reason = "" }))
            .ThenRefused("reason for freezing the certificate is required");
}

public sealed class ReinstatingCertificates
{
    static ReinstateCertificate Reinstate => new(CertificationId, "investigation closed, no misuse", Registrar, At);

    [Fact]
    public void reinstating_a_frozen_certificate_makes_it_valid_again()
    {
        var frozen = Given<Certification>([.. Certified(), new CertificateFrozen(CertificationId, Number, "r", Today, At)]);
        frozen.When(s => ReinstateCertificate.Decide(s, Reinstate))
            .Then(new CertificateReinstated(CertificationId, Number, "investigation closed, no misuse", Today, At));
        Given<Certification>([.. Certified(), new CertificateFrozen(CertificationId, Number, "r", Today, At), new CertificateReinstated(CertificationId, Number, "r", Today, At)])
            .State.StatusOn(Today).ShouldBe(VerificationStatus.Valid);
    }

    [Fact]
    public void reinstating_a_valid_certificate_is_refused() =>
        Given<Certification>(Certified()).When(s => ReinstateCertificate.Decide(s, Reinstate)).ThenRefused("is valid, not frozen");
}

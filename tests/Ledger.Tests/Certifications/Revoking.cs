using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class RevokingCertificates
{
    static object[] Revoked => [.. Certified(), new CertificateRevoked(CertificationId, Number, "final conviction", Registrar, Today, At)];

    [Fact]
    public void revoking_a_frozen_certificate_records_the_reason() =>
        Given<Certification>([.. Certified(), new CertificateFrozen(CertificationId, Number, "r", Today, At)])
            .When(s => RevokeCertificate.Decide(s, new(CertificationId, "misuse of the certificate", Registrar, At)))
            .Then(new CertificateRevoked(CertificationId, Number, "misuse of the certificate", Registrar, Today, At));

    [Fact]
    public void revoking_without_a_reason_is_refused() =>
        Given<Certification>(Certified()).When(s => RevokeCertificate.Decide(s, new(CertificationId, "  ", Registrar, At)))
            .ThenRefused("reason for revoking the certificate is required");

    [Fact]
    public void a_revoked_certificate_is_not_valid() =>
        Given<Certification>(Revoked).State.StatusOn(Today).ShouldBe(VerificationStatus.Revoked);

    [Fact]
    public void after_revocation_every_command_is_refused()
    {
        var revoked = Given<Certification>(Revoked);
        var later = At.AddYears(4);
        Func<Certification, IReadOnlyList<object>>[] commands =
        [
            s => RevokeCertificate.Decide(s, new(CertificationId, "again", Registrar, At)),
            s => FreezeCertificate.Decide(s, new(CertificationId, "r", Registrar, At)),
            s => ReinstateCertificate.Decide(s, new(CertificationId, "r", Registrar, At)),
            s => ExpireCertificate.Decide(s, new(CertificationId, Registrar, later)),
            s => RenewCertificate.Decide(s, new(CertificationId, "BLK-2", Registrar, later)),
            s => AcceptApplication.Decide(s, new(CertificationId, Registrar, At)),
            s => ReturnApplication.Decide(s, new(CertificationId, "r", Registrar, At)),
            s => RecordAssessment.Decide(s, new(CertificationId, Assessor, "TUK", Today, UnitsK, Registrar, At)),
            s => FileAppeal.Decide(s, new(CertificationId, "g", Registrar, At)),
            s => DecideAppeal.Decide(s, new(CertificationId, AppealOutcome.Upheld, "r", Registrar, At)),
            s => DecideCertification.Decide(s, new(CertificationId, Competence.Competent, ["Rina Wati"], Registrar, At)),
            s => IssueCertificate.Decide(s, CertificateNumbering.Initial, new(CertificationId, "BLK", "LSPBATIK", Registrar, At)).Certification,
        ];
        foreach (var command in commands)
            revoked.When(command).ThenRefused($"Certificate {Number} was revoked on 2026-03-02; nothing more can be recorded on it, it can only be read.");
    }
}

using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class DecidingCertifications
{
    [Fact]
    public void a_panel_that_did_not_assess_decides_k() =>
        Given<Certification>(Enrolled, Accepted, Assessed())
            .When(s => DecideCertification.Decide(s, new(CertificationId, Competence.Competent, ["Rina Wati", "Agus Salim"], Registrar, At)))
            .Then(new CertificationDecided(CertificationId, 1, Competence.Competent, ["Rina Wati", "Agus Salim"], Today, At));

    [Fact]
    public void the_assessor_of_the_attempt_cannot_sit_on_its_panel() =>
        Given<Certification>(Enrolled, Accepted, Assessed())
            .When(s => DecideCertification.Decide(s, new(CertificationId, Competence.Competent, ["Rina Wati", "budi santoso"], Registrar, At)))
            .ThenRefused("assessed attempt 1 and cannot sit on the panel");

    [Fact]
    public void an_open_appeal_must_be_decided_first() =>
        Given<Certification>(Enrolled, Accepted, Assessed(), new AppealFiled(CertificationId, 1, "x", Today, At))
            .When(s => DecideCertification.Decide(s, new(CertificationId, Competence.Competent, ["Rina Wati"], Registrar, At)))
            .ThenRefused("must be decided first");

    [Fact]
    public void an_attempt_is_decided_once() =>
        Given<Certification>(Enrolled, Accepted, Assessed(), Decided())
            .When(s => DecideCertification.Decide(s, new(CertificationId, Competence.NotYetCompetent, ["Rina Wati"], Registrar, At)))
            .ThenRefused("already been decided");
}

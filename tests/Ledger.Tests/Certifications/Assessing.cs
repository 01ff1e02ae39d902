using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class RecordingAssessments
{
    static RecordAssessment Attempt(params UnitAssessment[] units) =>
        new(CertificationId, Assessor, "TUK Sewaktu Tuban", Today, units.Length == 0 ? UnitsK : units, Registrar, At);

    [Fact]
    public void an_attempt_with_every_unit_k_recommends_k() =>
        Given<Certification>(Enrolled, Accepted).When(s => RecordAssessment.Decide(s, Attempt()))
            .Then(new AssessmentRecorded(CertificationId, 1, Assessor, "TUK Sewaktu Tuban", Today, UnitsK, Competence.Competent, At));

    [Fact]
    public void one_unit_bk_makes_the_recommendation_bk()
    {
        UnitAssessment[] units = [UnitsK[0], new("C.13BTK01.002.2", Competence.NotYetCompetent, EvidenceMethod.Test)];
        Given<Certification>(Enrolled, Accepted).When(s => RecordAssessment.Decide(s, Attempt(units)))
            .Then(new AssessmentRecorded(CertificationId, 1, Assessor, "TUK Sewaktu Tuban", Today, units, Competence.NotYetCompetent, At));
    }

    [Fact]
    public void an_assessment_before_the_application_is_accepted_is_refused() =>
        Given<Certification>(Enrolled).When(s => RecordAssessment.Decide(s, Attempt())).ThenRefused("must be accepted before an assessment");

    [Fact]
    public void a_new_attempt_follows_a_bk_decision() =>
        Given<Certification>(Enrolled, Accepted, Assessed(1, Competence.NotYetCompetent), Decided(1, Competence.NotYetCompetent))
            .When(s => RecordAssessment.Decide(s, Attempt()))
            .Then(new AssessmentRecorded(CertificationId, 2, Assessor, "TUK Sewaktu Tuban", Today, UnitsK, Competence.Competent, At));

    [Fact]
    public void a_new_attempt_while_one_awaits_its_decision_is_refused() =>
        Given<Certification>(Enrolled, Accepted, Assessed()).When(s => RecordAssessment.Decide(s, Attempt()))
            .ThenRefused("Attempt 1 still awaits its decision");

    [Fact]
    public void a_new_attempt_after_a_k_decision_is_refused() =>
        Given<Certification>(Enrolled, Accepted, Assessed(), Decided()).When(s => RecordAssessment.Decide(s, Attempt()))
            .ThenRefused("certificate can now be issued");

    [Fact]
    public void an_attempt_without_units_is_refused() =>
        Given<Certification>(Enrolled, Accepted).When(s => RecordAssessment.Decide(s, Attempt() with { Units = [] }))
            .ThenRefused("at least one SKKNI unit");
}

using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class FilingAppeals
{
    [Fact]
    public void an_appeal_is_filed_against_the_latest_attempt_before_its_decision() =>
        Given<Certification>(Enrolled, Accepted, Assessed(1, Competence.NotYetCompetent))
            .When(s => FileAppeal.Decide(s, new(CertificationId, "observation cut short", Registrar, At)))
            .Then(new AppealFiled(CertificationId, 1, "observation cut short", Today, At));

    [Fact]
    public void an_appeal_after_the_decision_is_refused() =>
        Given<Certification>(Enrolled, Accepted, Assessed(), Decided())
            .When(s => FileAppeal.Decide(s, new(CertificationId, "late", Registrar, At)))
            .ThenRefused("already been decided");

    [Fact]
    public void a_second_appeal_while_one_is_open_is_refused() =>
        Given<Certification>(Enrolled, Accepted, Assessed(), new AppealFiled(CertificationId, 1, "x", Today, At))
            .When(s => FileAppeal.Decide(s, new(CertificationId, "again", Registrar, At)))
            .ThenRefused("already open");
}

public sealed class DecidingAppeals
{
    [Fact]
    public void an_upheld_appeal_sets_the_attempt_aside_and_allows_a_new_one()
    {
        var given = Given<Certification>(Enrolled, Accepted, Assessed(1, Competence.NotYetCompetent), new AppealFiled(CertificationId, 1, "x", Today, At));
        given.When(s => DecideAppeal.Decide(s, new(CertificationId, AppealOutcome.Upheld, "assessor misread the unit", Registrar, At)))
            .Then(new AppealDecided(CertificationId, 1, AppealOutcome.Upheld, "assessor misread the unit", Today, At));

        var afterwards = Given<Certification>(Enrolled, Accepted, Assessed(1, Competence.NotYetCompetent), new AppealFiled(CertificationId, 1, "x", Today, At),
            new AppealDecided(CertificationId, 1, AppealOutcome.Upheld, "r", Today, At));
        afterwards.State.LatestAttempt!.AwaitsDecision.ShouldBeFalse();
        afterwards.When(s => DecideCertification.Decide(s, new(CertificationId, Competence.Competent, ["Rina Wati"], Registrar, At)))
            .ThenRefused("set aside on appeal");
    }

    [Fact]
    public void deciding_without_an_open_appeal_is_refused() =>
        Given<Certification>(Enrolled, Accepted, Assessed())
            .When(s => DecideAppeal.Decide(s, new(CertificationId, AppealOutcome.Dismissed, "r", Registrar, At)))
            .ThenRefused("no open appeal");
}

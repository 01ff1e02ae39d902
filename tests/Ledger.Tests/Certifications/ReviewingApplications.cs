using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class AcceptingApplications
{
    [Fact]
    public void a_complete_application_is_accepted() =>
        Given<Certification>(Enrolled).When(s => AcceptApplication.Decide(s, new(CertificationId, Registrar, At)))
            .Then(new ApplicationAccepted(CertificationId, Today, At));

    [Fact]
    public void a_returned_application_is_accepted_when_resubmitted() =>
        Given<Certification>(Enrolled, new ApplicationReturned(CertificationId, "FR.APL.02 unsigned", Today, At))
            .When(s => AcceptApplication.Decide(s, new(CertificationId, Registrar, At)))
            .Then(new ApplicationAccepted(CertificationId, Today, At));

    [Fact]
    public void accepting_an_application_twice_is_refused() =>
        Given<Certification>(Enrolled, Accepted).When(s => AcceptApplication.Decide(s, new(CertificationId, Registrar, At)))
            .ThenRefused("already accepted");

    [Fact]
    public void an_application_without_enrollment_is_refused() =>
        Given<Certification>().When(s => AcceptApplication.Decide(s, new(CertificationId, Registrar, At)))
            .ThenRefused("No artisan has been enrolled");
}

public sealed class ReturningApplications
{
    [Fact]
    public void an_incomplete_application_is_returned_with_the_reason() =>
        Given<Certification>(Enrolled).When(s => ReturnApplication.Decide(s, new(CertificationId, " FR.APL.02 unsigned ", Registrar, At)))
            .Then(new ApplicationReturned(CertificationId, "FR.APL.02 unsigned", Today, At));

    [Fact]
    public void returning_without_a_reason_is_refused() =>
        Given<Certification>(Enrolled).When(s => ReturnApplication.Decide(s, new(CertificationId, " ", Registrar, At)))
            .ThenRefused("reason for returning the application is required");

    [Fact]
    public void an_accepted_application_cannot_be_returned() =>
        Given<Certification>(Enrolled, Accepted).When(s => ReturnApplication.Decide(s, new(CertificationId, "late", Registrar, At)))
            .ThenRefused("already accepted");
}

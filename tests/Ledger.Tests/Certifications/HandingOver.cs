using Ledger.Certifications;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Certifications;

public sealed class HandingOverCertificates
{
    static readonly DateOnly IssuedOn = Today.AddDays(-5);

    static HandOverCertificate HandOver(DateOnly? on = null) =>
        new(CertificationId, "Bupati Tuban", "Pendopo Kabupaten Tuban", Registrar, At) { HandedOverOn = on };

    [Fact]
    public void the_handover_records_the_official_the_place_and_the_day() =>
        Given<Certification>(Certified())
            .When(s => HandOverCertificate.Decide(s, HandOver(IssuedOn.AddDays(2))))
            .Then(new CertificateHandedOver(CertificationId, Number, "BLK-0001", "Bupati Tuban", "Pendopo Kabupaten Tuban", IssuedOn.AddDays(2), At));

    [Fact]
    public void a_handover_given_no_date_happened_today() =>
        Given<Certification>(Certified())
            .When(s => HandOverCertificate.Decide(s, HandOver()))
            .Then(new CertificateHandedOver(CertificationId, Number, "BLK-0001", "Bupati Tuban", "Pendopo Kabupaten Tuban", Today, At));

    [Fact]
    public void a_handover_never_precedes_the_issue() =>
        Given<Certification>(Certified())
            .When(s => HandOverCertificate.Decide(s, HandOver(IssuedOn.AddDays(-1))))
            .ThenRefused($"The handover date {IssuedOn.AddDays(-1):yyyy-MM-dd} precedes the issue of {IssuedOn:yyyy-MM-dd}.");

    [Fact]
    public void a_certificate_is_handed_over_once() =>
        Given<Certification>([.. Certified(), new CertificateHandedOver(CertificationId, Number, "BLK-0001", "Bupati Tuban", "Pendopo", IssuedOn, At)])
            .When(s => HandOverCertificate.Decide(s, HandOver()))
            .ThenRefused($"was already handed over on {IssuedOn:yyyy-MM-dd}");

    [Fact]
    public void nothing_is_handed_over_before_a_certificate_is_issued() =>
        Given<Certification>(Enrolled, Accepted, Assessed(), Decided())
            .When(s => HandOverCertificate.Decide(s, HandOver()))
            .ThenRefused("No certificate has been issued");

    [Fact]
    public void the_handover_names_its_official_and_place() =>
        Given<Certification>(Certified())
            .When(s => HandOverCertificate.Decide(s, HandOver() with { Place = " " }))
            .ThenRefused("The place of the handover is required.");

    [Fact]
    public void the_state_shows_who_handed_the_certificate_over_where_and_when() =>
        Given<Certification>([.. Certified(), new CertificateHandedOver(CertificationId, Number, "BLK-0001", "Bupati Tuban", "Pendopo", IssuedOn, At)])
            .State.Certificate!.HandedOver.ShouldBe(new Handover("Bupati Tuban", "Pendopo", IssuedOn));
}

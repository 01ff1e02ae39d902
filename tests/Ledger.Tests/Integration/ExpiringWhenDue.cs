using Ledger.Certifications;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Testing;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

/// <summary>
/// Expiries that issuing, renewing and reinstating schedule in Wolverine's message storage, in the test's schema, and
/// what they record when they come due. Wolverine's clock is the real one: the moments here are relative to now.
/// </summary>
public sealed class ExpiringWhenDue : DomainTest
{
    static DateTimeOffset Now => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Days.Jakarta);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignAgreementsAsync(quota: 10, signedIn: 2020);
    }

    /// <summary>The day the certifications here were enrolled, assessed and decided: before any certificate issued in these tests.</summary>
    static DateOnly DecidedOn => Days.InJakarta(Now).AddYears(-4);

    /// <summary>An artisan enrolled and decided competent four years ago: a certificate can be issued on any day since.</summary>
    async Task<Guid> DecidedCompetentAsync(int n)
    {
        var artisan = await RegisterAsync(n);
        await Commands.RecordAsync(new EnrollArtisan(artisan, Scheme, PksId, null, Registrar, At) { EnrolledOn = DecidedOn });
        return await CompetentAsync(artisan, DecidedOn);
    }

    Task IssueAsync(Guid certification, DateTimeOffset at, string blanko = "BLK-0001") =>
        Commands.RecordAsync(new IssueCertificate(certification, blanko, "LSPBATIK", Registrar, Now) { IssuedOn = Days.InJakarta(at) });

    async Task<Certificate> CertificateAsync(Guid certification) => (await StateAsync<Certification>(certification)).Certificate!;

    Task AllHandledAsync() => Eventually.HoldsAsync(
        async () => (await StoredExpiries.InAsync(Schema)).Count(e => e.Pending && e.ExecutionTime <= DateTimeOffset.UtcNow) == 0,
        "every expiry that came due to be handled");

    [Fact]
    public async Task a_certificate_issued_after_its_validity_ended_is_expired_at_once_by_the_ledger()
    {
        var certification = await DecidedCompetentAsync(1);

        await IssueAsync(certification, Now.AddYears(-3).AddDays(-10));

        await Eventually.HoldsAsync(async () => (await StateAsync<Certification>(certification)).Status == CertificateStatus.Expired,
            "the certificate to be recorded expired");
        var recorded = (await StreamAsync(certification))[^1];
        recorded.UserName.ShouldBe(CertificateExpiryDue.SystemActor);
        var expired = recorded.Data.ShouldBeOfType<CertificateExpired>();
        expired.ValidUntil.ShouldBe((await CertificateAsync(certification)).ValidUntil);
        expired.RecordedAt.ShouldBe(Days.StartInJakarta(expired.ValidUntil.AddDays(1)));
        (await CountEventsAsync("certificate_expired")).ShouldBe(1);
    }

    [Fact]
    public async Task racing_issuances_store_one_expiry_with_the_one_certificate_due_the_day_after_its_validity()
    {
        var certification = await DecidedCompetentAsync(2);

        var (won, lost) = await RaceAsync(6, i => IssueAsync(certification, Now, $"BLK-{i:D4}"));

        won.ShouldBe(1);
        lost.ShouldAllBe(e => e is DomainException);
        var stored = (await StoredExpiries.InAsync(Schema)).ShouldHaveSingleItem();
        stored.Status.ShouldBe("Scheduled");
        stored.ExecutionTime.ShouldBe(Days.StartInJakarta((await CertificateAsync(certification)).ValidUntil.AddDays(1)));
    }

    [Fact]
    public async Task the_expiry_of_a_certificate_revoked_since_records_nothing_and_fails_nothing()
    {
        var certification = await DecidedCompetentAsync(3);
        await IssueAsync(certification, Now);
        await Commands.RecordAsync(new RevokeCertificate(certification, "Certificate obtained with a forged portfolio", Registrar, Now));

        (await StoredExpiries.BringForwardAsync(MessageStorage)).ShouldBe(1);

        await AllHandledAsync();
        (await StreamAsync(certification)).ShouldNotContain(e => e.Data is CertificateExpired);
        (await StateAsync<Certification>(certification)).Status.ShouldBe(CertificateStatus.Revoked);
        (await StoredExpiries.DeadLettersAsync(Schema)).ShouldBe(0);
    }

    [Fact]
    public async Task the_old_expiry_of_a_renewed_certificate_records_nothing_and_the_new_one_waits()
    {
        var certification = await DecidedCompetentAsync(4);
        await IssueAsync(certification, Now.AddYears(-3).AddMonths(2));
        var first = (await CertificateAsync(certification)).ValidUntil;
        await Commands.RecordAsync(new RecordAssessment(certification, Assessor, "TUK Sewaktu Tuban", Days.Of(Now), UnitsK, Registrar, Now));
        await Commands.RecordAsync(new DecideCertification(certification, Competence.Competent, ["Rina Wati", "Agus Salim"], Registrar, Now));
        await Commands.RecordAsync(new RenewCertificate(certification, "BLK-0002", Registrar, Now));
        var renewed = (await CertificateAsync(certification)).ValidUntil;

        var firstDue = Days.StartInJakarta(first.AddDays(1));
        (await StoredExpiries.BringForwardAsync(MessageStorage, m => m.ScheduledTime == firstDue)).ShouldBe(1);

        await AllHandledAsync();
        (await StreamAsync(certification)).ShouldNotContain(e => e.Data is CertificateExpired);
        (await StateAsync<Certification>(certification)).Status.ShouldBe(CertificateStatus.Valid);
        (await StoredExpiries.InAsync(Schema)).Where(e => e.Pending).ShouldHaveSingleItem()
            .ExecutionTime.ShouldBe(Days.StartInJakarta(renewed.AddDays(1)));
        (await StoredExpiries.DeadLettersAsync(Schema)).ShouldBe(0);
    }

    [Fact]
    public async Task reinstating_a_certificate_schedules_its_expiry_again_which_comes_due_once()
    {
        var certification = await DecidedCompetentAsync(5);
        await IssueAsync(certification, Now);
        await Commands.RecordAsync(new FreezeCertificate(certification, "under investigation for misuse", Registrar, Now));
        await Commands.RecordAsync(new ReinstateCertificate(certification, "investigation closed, no misuse", Registrar, Now));
        var due = Days.StartInJakarta((await CertificateAsync(certification)).ValidUntil.AddDays(1));
        var stored = await StoredExpiries.InAsync(Schema);
        stored.Count.ShouldBe(2);
        stored.ShouldAllBe(e => e.Status == "Scheduled" && e.ExecutionTime == due);

        (await StoredExpiries.BringForwardAsync(MessageStorage)).ShouldBe(2);

        await AllHandledAsync();
        (await StreamAsync(certification)).Count(e => e.Data is CertificateExpired).ShouldBe(1);
        (await StoredExpiries.DeadLettersAsync(Schema)).ShouldBe(0);
    }
}

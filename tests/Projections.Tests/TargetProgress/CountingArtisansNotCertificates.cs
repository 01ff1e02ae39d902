using Ledger.Certifications;
using Ledger.Projections.TargetProgress;
using Projections.Tests.Support;

namespace Projections.Tests.TargetProgress;

/// <summary>
/// The national target counts artisans ("15 ribu perajin"), not certificates: an artisan certified in a second scheme
/// in the same year is counted once, in the month of their first certificate, and every certificate is counted beside.
/// </summary>
public sealed class CountingArtisansNotCertificates : CertificationScenario
{
    const string Motif = "PEMBATIK-CAP";

    /// <summary>Enrolls <paramref name="artisan"/> (already registered, or a new id) in <paramref name="scheme"/> and issues its certificate on <paramref name="issuedOn"/>.</summary>
    async Task CertifyOnAsync(Guid artisan, string scheme, DateOnly issuedOn, int serial)
    {
        var certification = CertificationStreams.IdFor(artisan, scheme);
        await AppendAsync(certification,
            new ArtisanEnrolled(certification, artisan, scheme, Tuban.Regency, Tuban.PksId, null, issuedOn.Year, issuedOn.AddDays(-30), At),
            new CertificateIssued(certification, new CertificateNumber(Lsp, issuedOn.Year, serial).ToString(), $"BLK-{serial}", scheme,
                ["C.13BTK01.001.2"], Lsp, issuedOn, IssueCertificate.ValidUntil(issuedOn), At));
    }

    async Task<YearProgress> YearAsync(int year) =>
        (await new TargetProgressQuery(Database, new TargetProgressOptions(), Clock).YearsAsync(year)).Single();

    [Fact]
    public async Task an_artisan_certified_in_two_schemes_in_a_year_counts_once_beside_two_certificates()
    {
        await StartDaemonAsync();
        var (twice, once) = (Guid.NewGuid(), Guid.NewGuid());
        await CertifyOnAsync(twice, Scheme, new DateOnly(2025, 3, 10), 1);
        await CertifyOnAsync(twice, Motif, new DateOnly(2025, 6, 2), 2);
        await CertifyOnAsync(once, Scheme, new DateOnly(2025, 6, 20), 3);
        await AllCaughtUpAsync();

        var year = await YearAsync(2025);

        (year.Certified, year.Certificates).ShouldBe((2, 3));
        year.Months[2].ShouldBe(new MonthlyProgress(3, 1, 1, 1, 1));
        year.Months[5].ShouldBe(new MonthlyProgress(6, 1, 2, 2, 3));
        year.Share.ShouldBe(Math.Round(2m / 15_000, 4));
        year.Forecast.ShouldBe(2);
    }

    [Fact]
    public async Task a_certificate_recorded_later_but_issued_earlier_moves_the_artisan_to_its_month()
    {
        await StartDaemonAsync();
        var artisan = Guid.NewGuid();
        await CertifyOnAsync(artisan, Scheme, new DateOnly(2025, 9, 1), 1);
        await AllCaughtUpAsync();
        await CertifyOnAsync(artisan, Motif, new DateOnly(2025, 2, 14), 2);
        await AllCaughtUpAsync();

        var year = await YearAsync(2025);

        (year.Certified, year.Certificates).ShouldBe((1, 2));
        year.Months[1].ShouldBe(new MonthlyProgress(2, 1, 1, 1, 1));
        year.Months[8].ShouldBe(new MonthlyProgress(9, 0, 1, 1, 2));
    }

    [Fact]
    public async Task an_artisan_certified_in_two_years_counts_in_each()
    {
        await StartDaemonAsync();
        var artisan = Guid.NewGuid();
        await CertifyOnAsync(artisan, Scheme, new DateOnly(2024, 11, 5), 1);
        await CertifyOnAsync(artisan, Motif, new DateOnly(2025, 1, 8), 2);
        await AllCaughtUpAsync();

        (await YearAsync(2024)).Certified.ShouldBe(1);
        (await YearAsync(2025)).Certified.ShouldBe(1);
    }
}

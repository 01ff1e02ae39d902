using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Domain;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Artisans;

public sealed class RegisteringArtisans
{
    static readonly SealedIdentity Identity = new("hash", "v1:nik", "v1:name");
    static RegisterArtisan Register => new(ArtisanId, "Siti Rahayu", "3523010101850001", Gender.Female, 1985, Regency, "IKM Batik Gedog Tuban", Registrar, At);

    [Fact]
    public void an_artisan_is_registered_with_sealed_personal_fields() =>
        Given<Artisan>().When(s => RegisterArtisan.Decide(s, Register, Identity))
            .Then(new ArtisanRegistered(ArtisanId, "hash", "v1:nik", "v1:name", Gender.Female, 1985, Regency, "IKM Batik Gedog Tuban", Today, At));

    [Theory]
    [InlineData("352301010185000")]
    [InlineData("35230101018500012")]
    [InlineData("3523O10101850001")]
    public void a_nik_that_is_not_16_digits_is_refused(string nik) =>
        Given<Artisan>().When(s => RegisterArtisan.Decide(s, Register with { Nik = nik }, Identity)).ThenRefused("16 digits");

    [Theory]
    [InlineData("35-23")]
    [InlineData("3.523")]
    [InlineData("Tuban")]
    public void a_regency_code_not_in_the_form_pp_kk_is_refused(string code) =>
        Given<Artisan>().When(s => RegisterArtisan.Decide(s, Register with { RegencyCode = code }, Identity)).ThenRefused("PP.KK");

    [Theory]
    [InlineData("99.99")]
    [InlineData("35.80")]
    public void a_regency_code_that_is_not_on_the_official_list_is_refused_naming_it(string code) =>
        Given<Artisan>().When(s => RegisterArtisan.Decide(s, Register with { RegencyCode = code }, Identity))
            .ThenRefused($"No regency or city has the code {code} on the official list");

    [Fact]
    public void the_official_list_holds_every_regency_and_city_of_indonesia() =>
        (Ledger.Regencies.OfficialRegencies.Count, Ledger.Regencies.OfficialRegencies.Contains("35.17"), Ledger.Regencies.OfficialRegencies.Contains("36.04"))
            .ShouldBe((514, true, true));
}

public sealed class RecordingAidVisitsAndTrainers
{
    [Fact]
    public void equipment_aid_is_recorded_for_a_registered_artisan() =>
        Given<Artisan>(ArtisanRegistered()).When(s => RecordEquipmentAid.Decide(s, new(ArtisanId, "kompor listrik", 1, PksId, Registrar, At)))
            .Then(new EquipmentAidReceived(ArtisanId, "kompor listrik", 1, PksId, Today, At));

    [Fact]
    public void a_monev_visit_in_the_future_is_refused() =>
        Given<Artisan>(ArtisanRegistered()).When(s => RecordMonevVisit.Decide(s, new(ArtisanId, Today.AddDays(1), "Pak Joko", "ok", Registrar, At)))
            .ThenRefused("The visit date 2026-03-03 is in the future: today is 2026-03-02 in Asia/Jakarta.");

    [Fact]
    public void a_monev_visit_is_recorded_with_its_findings() =>
        Given<Artisan>(ArtisanRegistered()).When(s => RecordMonevVisit.Decide(s, new(ArtisanId, Today, "Pak Joko", "uses the electric stove daily", Registrar, At)))
            .Then(new MonevVisitRecorded(ArtisanId, Today, "Pak Joko", "uses the electric stove daily", At));

    [Fact]
    public void only_a_holder_of_a_valid_certificate_is_qualified_as_trainer()
    {
        var certified = Certified().Aggregate(Certification.Initial, Certification.Fold);
        Given<Artisan>(ArtisanRegistered()).When(s => QualifyAsTrainer.Decide(s, certified, new(ArtisanId, Scheme, Registrar, At)))
            .Then(new ArtisanQualifiedAsTrainer(ArtisanId, Scheme, Number, Today, At));

        var frozen = Certification.Fold(certified, new CertificateFrozen(CertificationId, Number, "r", Today, At));
        Given<Artisan>(ArtisanRegistered()).When(s => QualifyAsTrainer.Decide(s, frozen, new(ArtisanId, Scheme, Registrar, At)))
            .ThenRefused("valid certificate");
    }
}

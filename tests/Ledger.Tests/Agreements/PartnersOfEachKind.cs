using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Certifications;
using Ledger.Domain;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Agreements;

public sealed class SigningMousWithPartnersOfEachKind
{
    static SignMou Sign(PartnerKind? kind, string? name = null, string? regency = null, string? province = null) =>
        new(MouId, regency, "BBSPJIKB Yogyakarta", "Kepala", "Kepala BBSPJIKB", new DateOnly(2025, 1, 10), new DateOnly(2029, 12, 31), Registrar, At)
        {
            PartnerKind = kind, PartnerName = name, ProvinceCode = province,
        };

    static MouSigned Signed(PartnerKind kind, string name, string? regency, string? province) =>
        new(MouId, regency, "BBSPJIKB Yogyakarta", "Kepala", "Kepala BBSPJIKB", new DateOnly(2025, 1, 10), new DateOnly(2029, 12, 31), At)
        {
            PartnerKind = kind, PartnerName = name, ProvinceCode = province,
        };

    [Fact]
    public void a_regency_code_alone_makes_a_regency_partner_named_by_the_official_list() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign(null, regency: "35.23")))
            .Then(Signed(PartnerKind.Regency, "Kabupaten Tuban", "35.23", "35"));

    [Fact]
    public void a_province_partner_carries_its_province_code_and_no_regency() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign(PartnerKind.Province, province: "35")))
            .Then(Signed(PartnerKind.Province, "Jawa Timur", null, "35"));

    [Theory]
    [InlineData(PartnerKind.StateOwnedFirm, "PT Pertamina (Persero)")]
    [InlineData(PartnerKind.PrivateFirm, "PT Batik Keris")]
    [InlineData(PartnerKind.MinistryOrAgency, "Kementerian Perindustrian")]
    [InlineData(PartnerKind.School, "SMK Negeri 1 Pekalongan")]
    public void a_firm_ministry_or_school_partner_is_recorded_by_its_name_without_a_regency(PartnerKind kind, string name) =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign(kind, name)))
            .Then(Signed(kind, name, null, null));

    [Fact]
    public void a_partner_without_a_kind_or_a_regency_code_is_refused() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign(null, "PT Batik Keris"))).ThenRefused("The partner's kind is required");

    [Fact]
    public void a_regency_code_on_a_partner_that_is_not_a_regency_is_refused() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign(PartnerKind.PrivateFirm, "PT Batik Keris", regency: "35.23")))
            .ThenRefused("Only a regency partner carries a regency code");

    [Fact]
    public void a_province_code_not_on_the_official_list_is_refused() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign(PartnerKind.Province, province: "99"))).ThenRefused("No province has the code 99");

    [Fact]
    public void a_regency_partner_without_its_regency_code_is_refused() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign(PartnerKind.Regency, "Kabupaten Tuban"))).ThenRefused("needs its regency code");

    [Fact]
    public void a_firm_without_a_name_is_refused() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign(PartnerKind.StateOwnedFirm))).ThenRefused("The partner's name is required");

    [Fact]
    public void an_mou_recorded_before_partners_had_kinds_reads_as_a_regency_partner()
    {
        var mou = Given<Mou>(MouSigned()).State;

        mou.Partner.ShouldBe(new Partner(PartnerKind.Regency, "Kabupaten Tuban", Regency, "35"));
        MouSigned().Partner.ShouldBe(mou.Partner);
    }

    [Fact]
    public void a_pks_takes_the_partner_of_its_mou()
    {
        var mou = Given<Mou>(Signed(PartnerKind.PrivateFirm, "PT Batik Keris", null, null)).State;
        var pks = new SignPks(PksId, MouId, "Divisi CSR PT Batik Keris", "Manajer CSR", "Kepala BBSPJIKB", new DateOnly(2025, 2, 1),
            new DateOnly(2027, 12, 31), [Scheme], 20, null, Registrar, At);

        var signed = SignPks.Decide(Pks.Initial, mou, pks).ShouldHaveSingleItem().ShouldBeOfType<PksSigned>();

        signed.RegencyCode.ShouldBeNull();
        signed.Partner.ShouldBe(new Partner(PartnerKind.PrivateFirm, "PT Batik Keris", null, null));
    }
}

/// <summary>Quota-per-regency rules apply where the partner is a regency; every PKS keeps its yearly quota.</summary>
public sealed class EnrollingUnderPartnersOfEachKind
{
    static T Fold<T>(params object[] events) where T : IAggregate<T> => events.Aggregate(T.Initial, T.Fold);

    static readonly EnrollArtisan Enroll = new(ArtisanId, Scheme, PksId, null, Registrar, At);

    static Artisan From(string regency) => Fold<Artisan>(ArtisanRegistered(regency));

    static PksSigned Under(PartnerKind kind, string name, string? province, int quota = 10) => PksSigned(quota) with
    {
        RegencyCode = null, PartnerKind = kind, PartnerName = name, ProvinceCode = province,
    };

    [Fact]
    public void a_regency_partners_seats_are_refused_to_an_artisan_of_another_regency() =>
        Should.Throw<DomainException>(() => EnrollArtisan.Decide(Certification.Initial, From("36.04"), Fold<Pks>(PksSigned()), null, Enroll))
            .Message.ShouldBe("The artisan is registered in regency 36.04, but the PKS is for regency 35.23.");

    [Fact]
    public void a_private_firms_seat_goes_to_an_artisan_of_any_regency()
    {
        var enrollment = EnrollArtisan.Decide(Certification.Initial, From("36.04"), Fold<Pks>(Under(PartnerKind.PrivateFirm, "PT Batik Keris", null)), null, Enroll);

        enrollment.Certification.ShouldHaveSingleItem().ShouldBeOfType<ArtisanEnrolled>().RegencyCode.ShouldBe("36.04");
        enrollment.QuotaSeat.ShouldBe(new PksQuotaSeatTaken(PksId, 2026, CertificationId, ArtisanId, Today, At));
    }

    [Fact]
    public void a_partners_yearly_quota_still_limits_its_seats_when_it_is_not_a_regency()
    {
        var full = Fold<Pks>(Under(PartnerKind.MinistryOrAgency, "Kementerian Perindustrian", null, quota: 1),
            new PksQuotaSeatTaken(PksId, 2026, Guid.NewGuid(), Guid.NewGuid(), Today, At));

        Should.Throw<DomainException>(() => EnrollArtisan.Decide(Certification.Initial, From("35.17"), full, null, Enroll))
            .Message.ShouldBe($"The 2026 quota of 1 artisans under PKS {PksId} is used up.");
    }

    [Fact]
    public void a_province_partners_seats_go_to_artisans_of_its_regencies_only()
    {
        var jawaTimur = Fold<Pks>(Under(PartnerKind.Province, "Jawa Timur", "35"));

        EnrollArtisan.Decide(Certification.Initial, From("35.17"), jawaTimur, null, Enroll).QuotaSeat.ShouldNotBeNull();
        Should.Throw<DomainException>(() => EnrollArtisan.Decide(Certification.Initial, From("36.04"), jawaTimur, null, Enroll))
            .Message.ShouldContain("outside province 35 (Jawa Timur)");
    }
}

using Ledger.Agreements;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.Querying;
using Projections.Tests.Support;

namespace Projections.Tests.AgreementQuotas;

/// <summary>Partners per signing year and kind; agreements recorded before partners had kinds count as regency partners.</summary>
public sealed class CountingPartners : CertificationScenario
{
    async Task SignWithAsync(PartnerKind kind, string name, string? province, DateOnly signedOn, int quota = 20)
    {
        var mou = Guid.NewGuid();
        var pks = Guid.NewGuid();
        await AppendAsync(mou, new MouSigned(mou, null, "BBSPJIKB Yogyakarta", "Kepala", "Kepala BBSPJIKB", signedOn, signedOn.AddYears(3), At)
        {
            PartnerKind = kind, PartnerName = name, ProvinceCode = province,
        });
        await AppendAsync(pks, new PksSigned(pks, mou, null, $"Unit kerja {name}", "Kepala", "Kepala BBSPJIKB", signedOn.AddDays(10), signedOn.AddYears(2),
            [Scheme], quota, null, At)
        {
            PartnerKind = kind, PartnerName = name, ProvinceCode = province,
        });
    }

    [Fact]
    public async Task partners_are_counted_per_signing_year_and_kind_and_old_agreements_count_as_regencies()
    {
        await StartDaemonAsync();
        await SignAsync(Tuban);   // recorded in the shape before partners had kinds: signed on 2025-01-10
        await SignAsync(Serang);
        await SignWithAsync(PartnerKind.StateOwnedFirm, "PT Pertamina (Persero)", null, new DateOnly(2025, 6, 1));
        await SignWithAsync(PartnerKind.StateOwnedFirm, "PT Pertamina (Persero)", null, new DateOnly(2025, 9, 1));
        await SignWithAsync(PartnerKind.PrivateFirm, "PT Batik Keris", null, new DateOnly(2026, 1, 5));
        await SignWithAsync(PartnerKind.Province, "Jawa Timur", "35", new DateOnly(2026, 2, 1));
        await SignWithAsync(PartnerKind.MinistryOrAgency, "Kementerian Perindustrian", null, new DateOnly(2026, 2, 2));
        await SignWithAsync(PartnerKind.School, "SMK Negeri 1 Pekalongan", null, new DateOnly(2026, 2, 3));
        await AllCaughtUpAsync();

        var partners = new PartnersQuery(Database);
        (await partners.PerYearAsync(new ReadModelFilter())).Items.ShouldBe(
        [
            new PartnersInYear(2025, "regency", 2, 2),
            new PartnersInYear(2025, "state-owned-firm", 1, 2),
            new PartnersInYear(2026, "ministry-or-agency", 1, 1),
            new PartnersInYear(2026, "private-firm", 1, 1),
            new PartnersInYear(2026, "province", 1, 1),
            new PartnersInYear(2026, "school", 1, 1),
        ]);
        (await partners.PerYearAsync(new ReadModelFilter(Year: 2026))).Total.ShouldBe(4);
        (await partners.PerYearAsync(new ReadModelFilter(Province: "35"))).Items.ShouldBe(
            [new PartnersInYear(2025, "regency", 1, 1), new PartnersInYear(2026, "province", 1, 1)]);

        var agreements = (await new AgreementQuotasQuery(Database).AgreementsAsync(new ReadModelFilter())).Items;
        var tuban = agreements.Single(a => a.RegencyCode == "35.23");
        (tuban.PartnerKind, tuban.PartnerName, tuban.ProvinceCode).ShouldBe(("regency", "Kabupaten Tuban", "35"));
        var firm = agreements.Single(a => a.PartnerName == "PT Batik Keris");
        (firm.PartnerKind, firm.RegencyCode, firm.RegencyName, firm.Quota).ShouldBe(("private-firm", (string?)null, (string?)null, 20));
    }
}

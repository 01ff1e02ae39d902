using Ledger.Agreements;
using Ledger.Domain;
using static Ledger.Tests.Domain.Sample;
using static Ledger.Tests.Domain.Scenario;

namespace Ledger.Tests.Agreements;

public sealed class SigningMous
{
    static SignMou Sign => new(MouId, Regency, "BBSPJIKB Yogyakarta", "Bupati Tuban", "Kepala BBSPJIKB", new DateOnly(2025, 1, 10), new DateOnly(2029, 12, 31), Registrar, At);

    [Fact]
    public void an_mou_is_recorded_with_its_parties_and_term() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign))
            .Then(new MouSigned(MouId, Regency, "BBSPJIKB Yogyakarta", "Bupati Tuban", "Kepala BBSPJIKB", new DateOnly(2025, 1, 10), new DateOnly(2029, 12, 31), At)
            {
                PartnerKind = PartnerKind.Regency, PartnerName = "Kabupaten Tuban", ProvinceCode = "35",
            });

    [Fact]
    public void a_regency_code_not_in_the_form_pp_kk_is_refused() =>
        Given<Mou>().When(s => SignMou.Decide(s, Sign with { RegencyCode = "3523" })).ThenRefused("write it as PP.KK");
}

public sealed class SigningPkses
{
    static T Fold<T>(params object[] events) where T : IAggregate<T> => events.Aggregate(T.Initial, T.Fold);

    static SignPks Sign => new(PksId, MouId, "Dinas Tuban", "Kepala Dinas", "Kepala BBSPJIKB", new DateOnly(2025, 2, 1), new DateOnly(2027, 12, 31),
        ["pembatik-tulis"], 10, "kompor listrik", Registrar, At);

    [Fact]
    public void a_pks_under_an_mou_in_force_takes_the_regency_of_the_mou() =>
        Given<Pks>().When(s => SignPks.Decide(s, Fold<Mou>(MouSigned()), Sign))
            .Then(new PksSigned(PksId, MouId, Regency, "Dinas Tuban", "Kepala Dinas", "Kepala BBSPJIKB", new DateOnly(2025, 2, 1), new DateOnly(2027, 12, 31),
                [Scheme], 10, "kompor listrik", At)
            {
                PartnerKind = PartnerKind.Regency, PartnerName = "Kabupaten Tuban", ProvinceCode = "35",
            });

    [Fact]
    public void a_pks_without_a_signed_mou_is_refused() =>
        Given<Pks>().When(s => SignPks.Decide(s, Mou.Initial, Sign)).ThenRefused("needs a signed MoU");

    [Fact]
    public void a_pks_under_an_expired_mou_is_refused() =>
        Given<Pks>().When(s => SignPks.Decide(s, Fold<Mou>(MouSigned(), new MouExpired(MouId, new DateOnly(2029, 12, 31), At)), Sign))
            .ThenRefused("the MoU has been expired");

    [Fact]
    public void a_pks_running_beyond_its_mou_is_refused() =>
        Given<Pks>().When(s => SignPks.Decide(s, Fold<Mou>(MouSigned()), Sign with { ValidUntil = new DateOnly(2030, 6, 30) }))
            .ThenRefused("cannot run beyond its MoU");
}

public sealed class AmendingPkses
{
    [Fact]
    public void an_amendment_raises_the_quota() =>
        Given<Pks>(PksSigned()).When(s => AmendPks.Decide(s, new(PksId, "ADD-01/2026", null, 15, null, null, "more IKM joined", Registrar, At)))
            .Then(new PksAmended(PksId, "ADD-01/2026", null, 15, null, null, Today, At));

    [Fact]
    public void a_quota_below_the_seats_taken_this_year_is_refused() =>
        Given<Pks>(PksSigned(), new PksQuotaSeatTaken(PksId, 2026, Guid.NewGuid(), Guid.NewGuid(), Today, At), new PksQuotaSeatTaken(PksId, 2026, Guid.NewGuid(), Guid.NewGuid(), Today, At))
            .When(s => AmendPks.Decide(s, new(PksId, "ADD-02", null, 1, null, null, "cut", Registrar, At)))
            .ThenRefused("cannot go below the 2 artisans already enrolled");
}

public sealed class EndingAgreements
{
    [Fact]
    public void a_pks_is_terminated_with_its_reason() =>
        Given<Pks>(PksSigned()).When(s => TerminatePks.Decide(s, new(PksId, Today, "budget withdrawn", Registrar, At)))
            .Then(new PksTerminated(PksId, "budget withdrawn", Today, At));

    [Fact]
    public void a_pks_does_not_expire_before_its_term_ends() =>
        Given<Pks>(PksSigned()).When(s => ExpirePks.Decide(s, new(PksId, Registrar, At))).ThenRefused("runs until 2027-12-31");

    [Fact]
    public void an_mou_expires_after_its_term() =>
        Given<Mou>(MouSigned()).When(s => ExpireMou.Decide(s, new(MouId, Registrar, At.AddYears(4))))
            .Then(new MouExpired(MouId, new DateOnly(2029, 12, 31), At.AddYears(4)));

    [Fact]
    public void a_terminated_mou_cannot_be_terminated_again() =>
        Given<Mou>(MouSigned(), new MouTerminated(MouId, "r", Today, At)).When(s => TerminateMou.Decide(s, new(MouId, Today, "again", Registrar, At)))
            .ThenRefused("has been terminated");
}

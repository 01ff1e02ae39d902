using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Agreements;

/// <summary>
/// A partner's head (a regency head, Bupati, for a regency) and the head of a training and certification centre signed a
/// memorandum of understanding. Events recorded before partners had kinds carry only <see cref="RegencyCode"/>: they are
/// read as a regency partner (<see cref="Partner"/>).
/// </summary>
/// <param name="RegencyCode">The partner's regency code; only a regency partner has one.</param>
/// <param name="RegencyHead">The partner's head who signed (the Bupati for a regency); the field keeps its stored name.</param>
public sealed record MouSigned(
    Guid MouId,
    string? RegencyCode,
    string CentreName,
    string RegencyHead,
    string CentreHead,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => SignedOn;

    /// <summary>The partner's kind; absent on events recorded before partners had kinds (a regency).</summary>
    public PartnerKind? PartnerKind { get; init; }

    /// <summary>The partner's name; absent on events recorded before partners had kinds (the regency's official name).</summary>
    public string? PartnerName { get; init; }

    /// <summary>The partner's province code (<c>PP</c>): a province's own, or a regency's.</summary>
    public string? ProvinceCode { get; init; }

    /// <summary>Who signed with the centre, as recorded (a regency when only a regency code was).</summary>
    [JsonIgnore] public Partner Partner => Partner.Recorded(PartnerKind, PartnerName, RegencyCode, ProvinceCode);
}

/// <summary>The MoU was ended before its term, from <see cref="EffectiveOn"/> on; no new PKS can be signed under it.</summary>
public sealed record MouTerminated(Guid MouId, string Reason, DateOnly EffectiveOn, DateTimeOffset RecordedAt) : IDatedFact;

/// <summary>The MoU's term ran out: <see cref="ExpiredOn"/> is its last day.</summary>
public sealed record MouExpired(Guid MouId, DateOnly ExpiredOn, DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => ExpiredOn.AddDays(1);
}

[System.Text.Json.Serialization.JsonConverter(typeof(StatusWords<AgreementStatus>))]
public enum AgreementStatus { None, InForce, Terminated, Expired }

/// <summary>The MoU stream (nota kesepakatan) between a partner (a regency, province, firm, ministry or school) and a centre.</summary>
public sealed record Mou(
    Guid Id,
    AgreementStatus Status,
    string? RegencyCode,
    string CentreName,
    DateOnly SignedOn,
    DateOnly ValidUntil) : IAggregate<Mou>
{
    /// <summary>Who signed with the centre; null before the MoU is signed.</summary>
    public Partner? Partner { get; init; }

    public static Mou Initial { get; } = new(Guid.Empty, AgreementStatus.None, null, "", default, default);

    public static Mou Fold(Mou state, object @event) => @event switch
    {
        MouSigned e => state with
        {
            Id = e.MouId, Status = AgreementStatus.InForce, RegencyCode = e.RegencyCode, CentreName = e.CentreName,
            SignedOn = e.SignedOn, ValidUntil = e.ValidUntil, Partner = e.Partner,
        },
        MouTerminated => state with { Status = AgreementStatus.Terminated },
        MouExpired => state with { Status = AgreementStatus.Expired },
        _ => state,
    };

    /// <summary>Signed, not ended, and <paramref name="on"/> within its term.</summary>
    public bool IsInForceOn(DateOnly on) => Status == AgreementStatus.InForce && on >= SignedOn && on <= ValidUntil;
}

using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Agreements;

/// <summary>A regency head (Bupati) and the head of a training and certification centre signed a memorandum of understanding.</summary>
public sealed record MouSigned(
    Guid MouId,
    string RegencyCode,
    string CentreName,
    string RegencyHead,
    string CentreHead,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => SignedOn;
}

/// <summary>The MoU was ended before its term, from <see cref="EffectiveOn"/> on; no new PKS can be signed under it.</summary>
public sealed record MouTerminated(Guid MouId, string Reason, DateOnly EffectiveOn, DateTimeOffset RecordedAt) : IDatedFact;

/// <summary>The MoU's term ran out: <see cref="ExpiredOn"/> is its last day.</summary>
public sealed record MouExpired(Guid MouId, DateOnly ExpiredOn, DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => ExpiredOn.AddDays(1);
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AgreementStatus>))]
public enum AgreementStatus { None, InForce, Terminated, Expired }

/// <summary>The MoU stream (nota kesepakatan) between a regency and a centre.</summary>
public sealed record Mou(
    Guid Id,
    AgreementStatus Status,
    string RegencyCode,
    string CentreName,
    DateOnly SignedOn,
    DateOnly ValidUntil) : IAggregate<Mou>
{
    public static Mou Initial { get; } = new(Guid.Empty, AgreementStatus.None, "", "", default, default);

    public static Mou Fold(Mou state, object @event) => @event switch
    {
        MouSigned e => state with
        {
            Id = e.MouId, Status = AgreementStatus.InForce, RegencyCode = e.RegencyCode, CentreName = e.CentreName,
            SignedOn = e.SignedOn, ValidUntil = e.ValidUntil,
        },
        MouTerminated => state with { Status = AgreementStatus.Terminated },
        MouExpired => state with { Status = AgreementStatus.Expired },
        _ => state,
    };

    /// <summary>Signed, not ended, and <paramref name="on"/> within its term.</summary>
    public bool IsInForceOn(DateOnly on) => Status == AgreementStatus.InForce && on >= SignedOn && on <= ValidUntil;
}

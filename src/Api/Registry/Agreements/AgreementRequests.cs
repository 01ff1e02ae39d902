using Ledger.Api.Problems;

namespace Ledger.Api.Registry.Agreements;

/// <summary>An agreement ended before its term, from a day, with the reason.</summary>
public sealed record TerminateAgreementRequest(DateOnly? EffectiveOn, string? Reason)
    : IValidatedRequest
{
    public static readonly TerminateAgreementRequest Example = new(new DateOnly(2026, 6, 30), "The regency merged its agencies.");

    public FieldErrors Validate() => new FieldErrors().Required("effectiveOn", EffectiveOn).Required("reason", Reason);
}

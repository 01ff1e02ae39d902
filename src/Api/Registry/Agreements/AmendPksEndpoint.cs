using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Commands;
using Ledger.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Ledger.Agreements;

namespace Ledger.Api.Registry.Agreements;

/// <summary>An amendment (addendum) of a PKS; an absent term stays as it is.</summary>
public sealed record AmendPksRequest(string? AmendmentNumber, IReadOnlyList<string>? Schemes, int? YearlyQuota, string? EquipmentAidPerArtisan, DateOnly? ValidUntil, string? Reason,
    DateOnly? AmendedOn = null)
    : IValidatedRequest
{
    public static readonly AmendPksRequest Example = new("ADD-01/2026", null, 20, null, null, "The regency doubled its budget.",
        new DateOnly(2026, 5, 4));

    public FieldErrors Validate() => new FieldErrors()
        .Required("amendmentNumber", AmendmentNumber)
        .Required("reason", Reason)
        .Check("", Schemes is not null || YearlyQuota is not null || EquipmentAidPerArtisan is not null || ValidUntil is not null, "An amendment must change at least one term.")
        .Check("schemes", Schemes is null || (Schemes.Count > 0 && Schemes.All(s => !string.IsNullOrWhiteSpace(s))), "At least one scheme code, none blank.")
        .Check("yearlyQuota", YearlyQuota is null or (>= 1 and <= 100_000), "The yearly quota must be between 1 and 100000 artisans.");
}

/// <summary><c>POST /api/registry/pks/{id}/amendments</c>: amend a PKS (addendum).</summary>
public static class AmendPksEndpoint
{
    public static ProblemDetails Validate(AmendPksRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/pks/{id:guid}/amendments", OperationId = "AmendPks")]
    [EndpointSummary("Amend a PKS (addendum)")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Ok<Recorded>> Post(Guid id, AmendPksRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new AmendPks(id, body.AmendmentNumber!.Trim(), body.Schemes, body.YearlyQuota, body.EquipmentAidPerArtisan,
            body.ValidUntil, body.Reason!.Trim(), command.Actor, command.At) { AmendedOn = body.AmendedOn }, command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}

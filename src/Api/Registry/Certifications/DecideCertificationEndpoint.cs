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
using Ledger.Certifications;

namespace Ledger.Api.Registry.Certifications;

/// <summary>The decision panel's K or BK on the latest attempt; the panel must not include its assessor.</summary>
public sealed record DecideCertificationRequest(Competence? Decision, IReadOnlyList<string>? Panel, DateOnly? DecidedOn = null)
    : IValidatedRequest
{
    public static readonly DecideCertificationRequest Example = new(Competence.Competent, ["Bambang Sutrisno", "Endang Lestari"], new DateOnly(2026, 4, 16));

    public FieldErrors Validate() => new FieldErrors()
        .Check("decision", Decision is not null, "The decision is required: Competent (K) or NotYetCompetent (BK).")
        .Check("panel", Panel is { Count: > 0 and <= 20 } && Panel.All(p => !string.IsNullOrWhiteSpace(p)), "The panel names 1 to 20 members, none blank.");
}

/// <summary><c>POST /api/registry/certifications/{id}/decision</c>: the panel's K or BK decision on the latest attempt.</summary>
public static class DecideCertificationEndpoint
{
    public static ProblemDetails Validate(DecideCertificationRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications/{id:guid}/decision", OperationId = "DecideCertification")]
    [EndpointSummary("The panel's K or BK decision on the latest attempt")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, DecideCertificationRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new DecideCertification(id, body.Decision!.Value, body.Panel!.Select(p => p.Trim()).ToList(), command.Actor, command.At) { DecidedOn = body.DecidedOn }, command.Options, ct)));
    }
}

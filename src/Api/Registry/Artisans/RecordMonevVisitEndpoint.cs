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
using Ledger.Artisans;

namespace Ledger.Api.Registry.Artisans;

/// <summary>A monitoring and evaluation visit by the regency agency.</summary>
public sealed record RecordMonevVisitRequest(DateOnly? VisitedOn, string? Officer, string? Findings)
    : IValidatedRequest
{
    public static readonly RecordMonevVisitRequest Example = new(new DateOnly(2026, 3, 12), "Dwi Handayani", "Production doubled; uses the electric stove daily.");

    public FieldErrors Validate() => new FieldErrors()
        .Required("visitedOn", VisitedOn)
        .Required("officer", Officer)
        .Required("findings", Findings);
}

/// <summary><c>POST /api/registry/artisans/{id}/monev-visits</c>: record a monitoring and evaluation visit (agency).</summary>
public static class RecordMonevVisitEndpoint
{
    public static ProblemDetails Validate(RecordMonevVisitRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/artisans/{id:guid}/monev-visits", OperationId = "RecordMonevVisit")]
    [EndpointSummary("Record a monitoring and evaluation visit (agency)")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Ok<Recorded>> Post(Guid id, RecordMonevVisitRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new RecordMonevVisit(id, body.VisitedOn!.Value, body.Officer!.Trim(), body.Findings!.Trim(),
            command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}

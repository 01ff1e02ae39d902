using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Batches;
using Ledger.Commands;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Ledger.Api.Registry.Batches;

/// <summary>A training and assessment batch planned at a centre under a PKS covering its scheme.</summary>
public sealed record PlanBatchRequest(Guid? PksId, string? CentreName, string? Venue, string? SchemeCode, DateOnly? StartsOn, DateOnly? EndsOn, int? Capacity,
    DateOnly? PlannedOn = null)
    : IValidatedRequest
{
    public static readonly PlanBatchRequest Example = new(Guid.Parse("5d7e8f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f"), "BBSPJIKB Yogyakarta",
        "Balai Latihan Kerja Serang", "PEMBATIK-TULIS", new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 10), 20, new DateOnly(2026, 3, 16));

    public FieldErrors Validate() => new FieldErrors()
        .Required("pksId", PksId)
        .Required("centreName", CentreName)
        .Required("venue", Venue)
        .Required("schemeCode", SchemeCode)
        .Required("startsOn", StartsOn)
        .Required("endsOn", EndsOn)
        .Check("endsOn", StartsOn is null || EndsOn is null || EndsOn >= StartsOn, "A batch cannot end before it starts.")
        .Check("capacity", Capacity is >= 1 and <= 1000, "The capacity must be between 1 and 1000 participants.");
}

/// <summary><c>POST /api/registry/batches</c>: plans a batch; the new batch's id is derived from an idempotency key when there is one.</summary>
public static class PlanBatchEndpoint
{
    public static ProblemDetails Validate(PlanBatchRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/batches", OperationId = "PlanBatch")]
    [EndpointSummary("Plan a training and assessment batch under a PKS; 201 with its id")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Created<Recorded>> Post(PlanBatchRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var id = command.NewId();
        var result = await bus.RecordAsync(new PlanBatch(id, body.PksId!.Value, body.CentreName!.Trim(), body.Venue!.Trim(), body.SchemeCode!.Trim(),
            body.StartsOn!.Value, body.EndsOn!.Value, body.Capacity!.Value, command.Actor, command.At) { PlannedOn = body.PlannedOn }, command.Options, ct);
        return TypedResults.Created($"/api/registry/batches/{id}", command.Answer(result));
    }
}

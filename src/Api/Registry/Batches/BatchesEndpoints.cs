using Ledger.Commands;
using Wolverine;
using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Batches;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Batches;

/// <summary>A training and assessment batch planned at a centre under a PKS covering its scheme.</summary>
public sealed record PlanBatchRequest(Guid? PksId, string? CentreName, string? Venue, string? SchemeCode, DateOnly? StartsOn, DateOnly? EndsOn, int? Capacity)
{
    public static readonly PlanBatchRequest Example = new(Guid.Parse("5d7e8f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f"), "BBSPJIKB Yogyakarta",
        "Balai Latihan Kerja Serang", "PEMBATIK-TULIS", new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 10), 20);

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

/// <summary><c>/api/registry/batches</c>: planning and completing batches (registrar).</summary>
public static class BatchesEndpoints
{
    public static void MapBatches(this RouteGroupBuilder registry)
    {
        var batches = registry.MapGroup("/batches").RequireAuthorization(LedgerPolicies.Registrar);
        batches.MapPost("/", Plan).WithName("PlanBatch").WithSummary("Plan a training and assessment batch under a PKS; 201 with its id")
            .WithRequestExample(PlanBatchRequest.Example);
        batches.MapGet("/{id:guid}", Get).WithName("GetBatch").WithSummary("A batch as it stands, with its participants")
            .ProducesProblem(StatusCodes.Status404NotFound);
        batches.MapPost("/{id:guid}/completion", Complete).WithName("CompleteBatch").WithSummary("Record that a batch's days are over");
    }

    static async Task<Results<Created<Recorded>, ValidationProblem>> Plan(
        PlanBatchRequest body, CommandContext command, IMessageBus bus, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any) return errors.Problem();
        var id = command.NewId();
        var result = await bus.RecordAsync(new PlanBatch(id, body.PksId!.Value, body.CentreName!.Trim(), body.Venue!.Trim(), body.SchemeCode!.Trim(),
            body.StartsOn!.Value, body.EndsOn!.Value, body.Capacity!.Value, command.Actor, command.At), command.Options, ct);
        return TypedResults.Created($"/api/registry/batches/{id}", command.Answer(result));
    }

    static async Task<Ok<Batch>> Get(Guid id, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Batch>(id, ct: ct);
        if (current is null || !current.State.Planned) throw new NotFoundException($"No batch {id} has been planned.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(current.State);
    }

    static async Task<Ok<Recorded>> Complete(Guid id, CommandContext command, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(command.Answer(await bus.RecordAsync(new CompleteBatch(id, command.Actor, command.At), command.Options, ct)));
}

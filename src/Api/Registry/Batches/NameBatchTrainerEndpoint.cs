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

/// <summary>A qualified trainer named as one of a batch's trainers (find them in <c>GET /api/registry/trainers</c>).</summary>
public sealed record NameBatchTrainerRequest(Guid? ArtisanId, DateOnly? NamedOn = null) : IValidatedRequest
{
    public static readonly NameBatchTrainerRequest Example = new(Guid.Parse("0f8e4c2a-7b1d-4e3f-9a5c-6d2b8e1f4a70"), new DateOnly(2026, 3, 20));

    public FieldErrors Validate() => new FieldErrors().Required("artisanId", ArtisanId);
}

/// <summary><c>POST /api/registry/batches/{id}/trainers</c>: names a qualified trainer (narasumber) as one of the batch's trainers (registrar).</summary>
public static class NameBatchTrainerEndpoint
{
    public static ProblemDetails Validate(NameBatchTrainerRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/batches/{id:guid}/trainers", OperationId = "NameBatchTrainer")]
    [EndpointSummary("Name a qualified trainer, certified in the batch's scheme, as one of the batch's trainers")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, NameBatchTrainerRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new NameBatchTrainer(id, body.ArtisanId!.Value, command.Actor, command.At) { NamedOn = body.NamedOn }, command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}

using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Commands;
using Ledger.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Ledger.Api.Registry.Training;

/// <summary>An artisan registered in the ledger admitted to a programme, on a day.</summary>
public sealed record AdmitTraineeRequest(Guid? ArtisanId, DateOnly? AdmittedOn) : IValidatedRequest
{
    public static readonly AdmitTraineeRequest Example = new(Guid.Parse("5f0f3c1e-8a7b-4c2d-9e10-2b3c4d5e6f70"), new DateOnly(2026, 2, 2));

    public FieldErrors Validate() => new FieldErrors().Required("artisanId", ArtisanId);
}

/// <summary><c>POST /api/registry/training/programmes/{id}/participants</c>: admit a registered artisan to a programme.</summary>
public static class AdmitTraineeEndpoint
{
    public static ProblemDetails Validate(AdmitTraineeRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/training/programmes/{id:guid}/participants", OperationId = "AdmitTrainee")]
    [EndpointSummary("Admit an artisan registered in the ledger to a training programme")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, AdmitTraineeRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new AdmitTrainee(id, body.ArtisanId!.Value, command.Actor, command.At) { AdmittedOn = body.AdmittedOn }, command.Options, ct)));
    }
}

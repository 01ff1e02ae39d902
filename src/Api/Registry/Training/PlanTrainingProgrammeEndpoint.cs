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

/// <summary>A centre's training programme for a year under an MoU with a partner: the field and the yearly target of trainees.</summary>
public sealed record PlanTrainingProgrammeRequest(string? CentreName, Guid? MouId, string? Field, int? Year, int? TargetTrainees, DateOnly? PlannedOn)
    : IValidatedRequest
{
    public static readonly PlanTrainingProgrammeRequest Example = new("BBSPJIKB Yogyakarta", Guid.Parse("0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b"),
        "ecoprint", 2026, 40, new DateOnly(2026, 1, 20));

    public FieldErrors Validate() => new FieldErrors()
        .Required("centreName", CentreName)
        .Required("mouId", MouId)
        .Check("field", TrainingFields.Parse(Field) is not null, $"The field is one of {TrainingFields.Listed}.")
        .Check("year", Year is >= 2000 and <= 2100, "The year must be between 2000 and 2100.")
        .Check("targetTrainees", TargetTrainees is >= 1 and <= 1_000_000, "The target must be between 1 and 1000000 trainees.");
}

/// <summary><c>POST /api/registry/training/programmes</c>: plan a centre's training programme for a year; 201 with its id.</summary>
public static class PlanTrainingProgrammeEndpoint
{
    public static ProblemDetails Validate(PlanTrainingProgrammeRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/training/programmes", OperationId = "PlanTrainingProgramme")]
    [EndpointSummary("Plan a centre's training programme for a year under an MoU: field and target trainees; 201 with its id")]
    [EndpointDescription("`field`: batik, colouring, motif-design, ecoprint, weaving, natural-fibre-plaiting or local-content-certification. " +
        "The programme trains for the partner of the MoU `mouId` (any kind of partner), whose term must include `year`. `plannedOn` defaults to " +
        "today in Asia/Jakarta and may not be in the future.")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Created<Recorded>> Post(PlanTrainingProgrammeRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var id = command.NewId();
        var result = await bus.RecordAsync(new PlanTrainingProgramme(id, body.CentreName!.Trim(), body.MouId!.Value, TrainingFields.Parse(body.Field)!.Value,
            body.Year!.Value, body.TargetTrainees!.Value, command.Actor, command.At) { PlannedOn = body.PlannedOn }, command.Options, ct);
        return TypedResults.Created($"/api/registry/training/programmes/{id}", command.Answer(result));
    }
}

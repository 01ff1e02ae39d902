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

/// <summary>An assessment attempt by a licensed assessor at an assessment site (TUK).</summary>
public sealed record RecordAssessmentRequest(string? Assessor, string? AssessmentSite, DateOnly? AssessedOn, IReadOnlyList<UnitAssessmentRequest>? Units)
    : IValidatedRequest
{
    public static readonly RecordAssessmentRequest Example = new("Sri Wahyuni, MET.000.001234 2019", "TUK Sewaktu BBSPJIKB", new DateOnly(2026, 4, 9),
    [
        new("C.13BTK01.001.2", Competence.Competent, EvidenceMethod.Observation),
        new("C.13BTK01.002.2", Competence.Competent, EvidenceMethod.Portfolio),
    ]);

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("assessor", Assessor)
            .Required("assessmentSite", AssessmentSite)
            .Required("assessedOn", AssessedOn)
            .Check("units", Units is { Count: > 0 and <= 200 }, "An assessment covers 1 to 200 SKKNI units.");
        for (var i = 0; i < (Units?.Count ?? 0); i++)
        {
            var unit = Units![i];
            if (unit is null) { errors.Add($"units[{i}]", "A unit cannot be null."); continue; }
            errors.Required($"units[{i}].unitCode", unit.UnitCode)
                .Check($"units[{i}].recommendation", unit.Recommendation is not null, "The recommendation is required: Competent (K) or NotYetCompetent (BK).")
                .Check($"units[{i}].method", unit.Method is not null, "The evidence method is required: Portfolio, Observation or Test.");
        }
        return errors;
    }

    public IReadOnlyList<UnitAssessment> ToUnits() =>
        Units!.Select(u => new UnitAssessment(u.UnitCode!.Trim(), u.Recommendation!.Value, u.Method!.Value)).ToList();
}

/// <summary><c>POST /api/registry/certifications/{id}/assessments</c>: record an assessment attempt: assessor, site, K/BK and evidence per SKKNI unit.</summary>
public static class RecordAssessmentEndpoint
{
    public static ProblemDetails Validate(RecordAssessmentRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications/{id:guid}/assessments", OperationId = "RecordAssessment")]
    [EndpointSummary("Record an assessment attempt: assessor, site, K/BK and evidence per SKKNI unit")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, RecordAssessmentRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(new RecordAssessment(id, body.Assessor!.Trim(), body.AssessmentSite!.Trim(),
            body.AssessedOn!.Value, body.ToUnits(), command.Actor, command.At), command.Options, ct)));
    }
}

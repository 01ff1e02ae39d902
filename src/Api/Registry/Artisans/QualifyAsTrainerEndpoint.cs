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

/// <summary>Qualifies a certified artisan as a trainer in a scheme.</summary>
public sealed record QualifyAsTrainerRequest(string? SchemeCode, DateOnly? QualifiedOn = null)
    : IValidatedRequest
{
    public static readonly QualifyAsTrainerRequest Example = new("PEMBATIK-TULIS", new DateOnly(2026, 6, 1));

    public FieldErrors Validate() => new FieldErrors().Required("schemeCode", SchemeCode);
}

/// <summary><c>POST /api/registry/artisans/{id}/trainer-qualifications</c>: qualify a certified artisan as a trainer in a scheme (registrar).</summary>
public static class QualifyAsTrainerEndpoint
{
    public static ProblemDetails Validate(QualifyAsTrainerRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/artisans/{id:guid}/trainer-qualifications", OperationId = "QualifyAsTrainer")]
    [EndpointSummary("Qualify a certified artisan as a trainer in a scheme (registrar)")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, QualifyAsTrainerRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new QualifyAsTrainer(id, body.SchemeCode!.Trim(), command.Actor, command.At) { QualifiedOn = body.QualifiedOn }, command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}

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

/// <summary>The appeal's outcome: Upheld (a new attempt follows) or Dismissed (the attempt goes to the panel).</summary>
public sealed record DecideAppealRequest(AppealOutcome? Outcome, string? Reason, DateOnly? DecidedOn = null)
    : IValidatedRequest
{
    public static readonly DecideAppealRequest Example = new(AppealOutcome.Upheld, "The observation was incomplete.", new DateOnly(2026, 4, 14));

    public FieldErrors Validate() => new FieldErrors()
        .Check("outcome", Outcome is not null, "The outcome is required: Upheld or Dismissed.")
        .Required("reason", Reason);
}

/// <summary><c>POST /api/registry/certifications/{id}/appeal-decision</c>: decide the open appeal: Upheld or Dismissed.</summary>
public static class DecideAppealEndpoint
{
    public static ProblemDetails Validate(DecideAppealRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications/{id:guid}/appeal-decision", OperationId = "DecideAppeal")]
    [EndpointSummary("Decide the open appeal: Upheld or Dismissed")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, DecideAppealRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new DecideAppeal(id, body.Outcome!.Value, body.Reason!.Trim(), command.Actor, command.At) { DecidedOn = body.DecidedOn }, command.Options, ct)));
    }
}

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
using Ledger.Agreements;

namespace Ledger.Api.Registry.Agreements;

/// <summary><c>POST /api/registry/mous/{id}/termination</c>: end an MoU before its term, with the reason.</summary>
public static class TerminateMouEndpoint
{
    public static ProblemDetails Validate(TerminateAgreementRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/mous/{id:guid}/termination", OperationId = "TerminateMou")]
    [EndpointSummary("End an MoU before its term, with the reason")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Ok<Recorded>> Post(Guid id, TerminateAgreementRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new TerminateMou(id, body.EffectiveOn!.Value, body.Reason!.Trim(), command.Actor, command.At), command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}

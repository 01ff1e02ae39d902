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

/// <summary><c>POST /api/registry/certifications/{id}/application/return</c>: return the application to be completed, with the reason.</summary>
public static class ReturnApplicationEndpoint
{
    public static ProblemDetails Validate(ReasonRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications/{id:guid}/application/return", OperationId = "ReturnApplication")]
    [EndpointSummary("Return the application to be completed, with the reason")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, ReasonRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new ReturnApplication(id, body.Reason!.Trim(), command.Actor, command.At) { ReturnedOn = body.EffectiveOn }, command.Options, ct)));
    }
}

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

/// <summary>
/// <c>POST /api/registry/certifications/{id}/application/acceptance</c>: accept the application (FR.APL.01) and
/// self-assessment (FR.APL.02), on the day <c>?acceptedOn=</c> gives (today in Asia/Jakarta when left out).
/// </summary>
public static class AcceptApplicationEndpoint
{
    public static ProblemDetails Validate(HttpContext http) => QueryDates.Judge(http, "acceptedOn");

    [WolverinePost("/api/registry/certifications/{id:guid}/application/acceptance", OperationId = "AcceptApplication")]
    [EndpointSummary("Accept the application (FR.APL.01) and self-assessment (FR.APL.02)")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, string? acceptedOn, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(new AcceptApplication(id, command.Actor, command.At) { AcceptedOn = QueryDates.Read(acceptedOn) }, command.Options, ct)));
    }
}

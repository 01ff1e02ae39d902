using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Batches;
using Ledger.Commands;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Ledger.Api.Registry.Batches;

/// <summary>
/// <c>POST /api/registry/batches/{id}/completion</c>: records that a batch's days are over, on the day <c>?completedOn=</c>
/// gives (today in Asia/Jakarta when left out).
/// </summary>
public static class CompleteBatchEndpoint
{
    public static ProblemDetails Validate(HttpContext http) => QueryDates.Judge(http, "completedOn");

    [WolverinePost("/api/registry/batches/{id:guid}/completion", OperationId = "CompleteBatch")]
    [EndpointSummary("Record that a batch's days are over")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, string? completedOn, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(new CompleteBatch(id, command.Actor, command.At) { CompletedOn = QueryDates.Read(completedOn) }, command.Options, ct)));
    }
}

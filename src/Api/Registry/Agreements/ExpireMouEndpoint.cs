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

/// <summary><c>POST /api/registry/mous/{id}/expiry</c>: record that an MoU's term ran out.</summary>
public static class ExpireMouEndpoint
{
    [WolverinePost("/api/registry/mous/{id:guid}/expiry", OperationId = "ExpireMou")]
    [EndpointSummary("Record that an MoU's term ran out")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Ok<Recorded>> Post(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(new ExpireMou(id, command.Actor, command.At), command.Options, ct)));
    }
}

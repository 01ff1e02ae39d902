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

/// <summary><c>POST /api/registry/pks/{id}/expiry</c>: record that a PKS's term ran out.</summary>
public static class ExpirePksEndpoint
{
    [WolverinePost("/api/registry/pks/{id:guid}/expiry", OperationId = "ExpirePks")]
    [EndpointSummary("Record that a PKS's term ran out")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Ok<Recorded>> Post(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(new ExpirePks(id, command.Actor, command.At), command.Options, ct)));
    }
}

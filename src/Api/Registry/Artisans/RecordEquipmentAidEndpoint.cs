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

/// <summary>Equipment aid handed over, under a PKS when named.</summary>
public sealed record RecordEquipmentAidRequest(string? Item, int? Quantity, Guid? PksId, DateOnly? ReceivedOn = null)
    : IValidatedRequest
{
    public static readonly RecordEquipmentAidRequest Example = new("Kompor listrik (electric wax stove)", 1, null, new DateOnly(2026, 4, 20));

    public FieldErrors Validate() => new FieldErrors()
        .Required("item", Item)
        .Check("quantity", Quantity is >= 1 and <= 1000, "The quantity must be between 1 and 1000.");
}

/// <summary><c>POST /api/registry/artisans/{id}/equipment-aid</c>: record equipment aid handed over (agency).</summary>
public static class RecordEquipmentAidEndpoint
{
    public static ProblemDetails Validate(RecordEquipmentAidRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/artisans/{id:guid}/equipment-aid", OperationId = "RecordEquipmentAid")]
    [EndpointSummary("Record equipment aid handed over (agency)")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Ok<Recorded>> Post(Guid id, RecordEquipmentAidRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new RecordEquipmentAid(id, body.Item!.Trim(), body.Quantity!.Value, body.PksId, command.Actor, command.At) { ReceivedOn = body.ReceivedOn },
            command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}

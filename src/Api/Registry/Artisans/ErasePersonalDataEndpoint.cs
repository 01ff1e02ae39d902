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

/// <summary>Erases the artisan's personal data on request (UU 27/2022); the reason is required.</summary>
public sealed record ErasePersonalDataRequest(string? Reason, DateOnly? ErasedOn = null)
    : IValidatedRequest
{
    public static readonly ErasePersonalDataRequest Example = new("Request of the data subject, letter 12/2026.", new DateOnly(2026, 6, 1));

    public FieldErrors Validate() => new FieldErrors().Required("reason", Reason);
}

/// <summary><c>POST /api/registry/artisans/{id}/erasure</c>: erase an artisan's personal data on request (agency): the key is destroyed, the events and their hashes stay.</summary>
public static class ErasePersonalDataEndpoint
{
    public static ProblemDetails Validate(ErasePersonalDataRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/artisans/{id:guid}/erasure", OperationId = "ErasePersonalData")]
    [EndpointSummary("Erase an artisan's personal data on request (agency): the key is destroyed, the events and their hashes stay")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Ok<Recorded>> Post(Guid id, ErasePersonalDataRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new ErasePersonalData(id, body.Reason!.Trim(), command.Actor, command.At) { ErasedOn = body.ErasedOn }, command.Options, ct);
        return TypedResults.Ok(command.Answer(result));
    }
}

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

/// <summary>An MoU signed by a regency head (Bupati) and a centre head.</summary>
public sealed record SignMouRequest(string? RegencyCode, string? CentreName, string? RegencyHead, string? CentreHead, DateOnly? SignedOn, DateOnly? ValidUntil)
    : IValidatedRequest
{
    public static readonly SignMouRequest Example = new("36.04", "BBSPJIKB Yogyakarta", "Ratu Tatu Chasanah", "Titik Purwati Widowati",
        new DateOnly(2026, 1, 15), new DateOnly(2028, 12, 31));

    public FieldErrors Validate() => new FieldErrors()
        .Check("regencyCode", Ledger.Domain.Rules.IsRegencyCode(RegencyCode?.Trim()), "The regency code is written PP.KK, e.g. 35.23.")
        .Required("centreName", CentreName)
        .Required("regencyHead", RegencyHead)
        .Required("centreHead", CentreHead)
        .Required("signedOn", SignedOn)
        .Required("validUntil", ValidUntil)
        .Check("validUntil", SignedOn is null || ValidUntil is null || ValidUntil > SignedOn, "The term must end after the day it is signed.");
}

/// <summary><c>POST /api/registry/mous</c>: record an MoU signed by a regency head and a centre head; 201 with its id.</summary>
public static class SignMouEndpoint
{
    public static ProblemDetails Validate(SignMouRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/mous", OperationId = "SignMou")]
    [EndpointSummary("Record an MoU signed by a regency head and a centre head; 201 with its id")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Created<Recorded>> Post(SignMouRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var id = command.NewId();
        var result = await bus.RecordAsync(new SignMou(id, body.RegencyCode!.Trim(), body.CentreName!.Trim(), body.RegencyHead!.Trim(),
            body.CentreHead!.Trim(), body.SignedOn!.Value, body.ValidUntil!.Value, command.Actor, command.At), command.Options, ct);
        return TypedResults.Created($"/api/registry/mous/{id}", command.Answer(result));
    }
}

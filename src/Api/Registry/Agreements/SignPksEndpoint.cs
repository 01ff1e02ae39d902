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

/// <summary>A PKS signed under an MoU by the agency head and the centre head: schemes, yearly quota, aid per certified artisan.</summary>
public sealed record SignPksRequest(
    Guid? MouId, string? AgencyName, string? AgencyHead, string? CentreHead, DateOnly? SignedOn, DateOnly? ValidUntil,
    IReadOnlyList<string>? Schemes, int? YearlyQuota, string? EquipmentAidPerArtisan)
    : IValidatedRequest
{
    public static readonly SignPksRequest Example = new(Guid.Parse("0b5c6a4e-3f0e-4b8e-9a55-1c2d3e4f5a6b"), "Dinas Koperasi, UKM dan Perindustrian Kabupaten Serang",
        "Hj. Aning Rahmawati", "Titik Purwati Widowati", new DateOnly(2026, 2, 1), new DateOnly(2027, 12, 31), ["PEMBATIK-TULIS"], 10, "Kompor listrik");

    public FieldErrors Validate() => new FieldErrors()
        .Required("mouId", MouId)
        .Required("agencyName", AgencyName)
        .Required("agencyHead", AgencyHead)
        .Required("centreHead", CentreHead)
        .Required("signedOn", SignedOn)
        .Required("validUntil", ValidUntil)
        .Check("validUntil", SignedOn is null || ValidUntil is null || ValidUntil > SignedOn, "The term must end after the day it is signed.")
        .Check("schemes", Schemes is { Count: > 0 } && Schemes.All(s => !string.IsNullOrWhiteSpace(s)), "At least one scheme code, none blank.")
        .Check("yearlyQuota", YearlyQuota is >= 1 and <= 100_000, "The yearly quota must be between 1 and 100000 artisans.");
}

/// <summary><c>POST /api/registry/pks</c>: record a PKS signed under an MoU in force: schemes, yearly quota, aid; 201 with its id.</summary>
public static class SignPksEndpoint
{
    public static ProblemDetails Validate(SignPksRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/pks", OperationId = "SignPks")]
    [EndpointSummary("Record a PKS signed under an MoU in force: schemes, yearly quota, aid; 201 with its id")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Created<Recorded>> Post(SignPksRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var id = command.NewId();
        var result = await bus.RecordAsync(new SignPks(id, body.MouId!.Value, body.AgencyName!.Trim(), body.AgencyHead!.Trim(), body.CentreHead!.Trim(),
            body.SignedOn!.Value, body.ValidUntil!.Value, body.Schemes!, body.YearlyQuota!.Value, body.EquipmentAidPerArtisan,
            command.Actor, command.At), command.Options, ct);
        return TypedResults.Created($"/api/registry/pks/{id}", command.Answer(result));
    }
}

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

/// <summary>Enrolls a registered artisan in a scheme under the regency's PKS (and a batch, when named), taking a quota seat.</summary>
public sealed record EnrollArtisanRequest(Guid? ArtisanId, string? SchemeCode, Guid? PksId, Guid? BatchId, DateOnly? EnrolledOn = null)
    : IValidatedRequest
{
    public static readonly EnrollArtisanRequest Example = new(Guid.Parse("2f1e0d9c-8b7a-4654-9321-0fedcba98765"), "PEMBATIK-TULIS",
        Guid.Parse("5d7e8f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f"), null, new DateOnly(2026, 4, 6));

    public FieldErrors Validate() => new FieldErrors()
        .Required("artisanId", ArtisanId)
        .Required("schemeCode", SchemeCode)
        .Required("pksId", PksId)
        .Check("batchId", BatchId != Guid.Empty, "The batch id cannot be the empty id; leave it out for no batch.");
}

/// <summary><c>POST /api/registry/certifications</c>: enroll an artisan in a scheme under the regency's PKS; 201 with the certification id derived from artisan and scheme.</summary>
public static class EnrollArtisanEndpoint
{
    public static ProblemDetails Validate(EnrollArtisanRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications", OperationId = "EnrollArtisan")]
    [EndpointSummary("Enroll an artisan in a scheme under the regency's PKS; 201 with the certification id derived from artisan and scheme")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Created<Recorded>> Post(EnrollArtisanRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new EnrollArtisan(body.ArtisanId!.Value, body.SchemeCode!.Trim(), body.PksId!.Value, body.BatchId,
            command.Actor, command.At) { EnrolledOn = body.EnrolledOn }, command.Options, ct);
        return TypedResults.Created($"/api/registry/certifications/{result.StreamId}", command.Answer(result));
    }
}

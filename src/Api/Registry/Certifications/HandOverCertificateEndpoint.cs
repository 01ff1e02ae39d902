using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Certifications;
using Ledger.Commands;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Ledger.Api.Registry.Certifications;

/// <summary>The certificate handed over to the artisan: the official who handed it over, the place, and the day (today in Asia/Jakarta when left out).</summary>
public sealed record HandOverCertificateRequest(string? Official, string? Place, DateOnly? HandedOverOn)
    : IValidatedRequest
{
    public static readonly HandOverCertificateRequest Example = new("Bupati Jombang", "Pendopo Kabupaten Jombang", new DateOnly(2023, 1, 26));

    public FieldErrors Validate() => new FieldErrors()
        .Required("official", Official)
        .Required("place", Place);
}

/// <summary><c>POST /api/registry/certifications/{id}/handover</c>: record that the certificate was handed over to the artisan: by whom, where and when.</summary>
public static class HandOverCertificateEndpoint
{
    public static ProblemDetails Validate(HandOverCertificateRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications/{id:guid}/handover", OperationId = "HandOverCertificate")]
    [EndpointSummary("Record that the certificate was handed over to the artisan: the official, the place and the day")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, HandOverCertificateRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new HandOverCertificate(id, body.Official!.Trim(), body.Place!.Trim(), command.Actor, command.At) { HandedOverOn = body.HandedOverOn },
            command.Options, ct)));
    }
}

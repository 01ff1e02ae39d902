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

/// <summary>Renews an active certificate after a K decision on re-certification, on a new blanko.</summary>
public sealed record RenewCertificateRequest(string? BlankoNumber, DateOnly? RenewedOn = null)
    : IValidatedRequest
{
    public static readonly RenewCertificateRequest Example = new("BNSP-B 0098765", new DateOnly(2026, 4, 20));

    public FieldErrors Validate() => new FieldErrors().Required("blankoNumber", BlankoNumber);
}

/// <summary><c>POST /api/registry/certifications/{id}/renewal</c>: renew the certificate after a K decision on re-certification.</summary>
public static class RenewCertificateEndpoint
{
    public static ProblemDetails Validate(RenewCertificateRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications/{id:guid}/renewal", OperationId = "RenewCertificate")]
    [EndpointSummary("Renew the certificate after a K decision on re-certification")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, RenewCertificateRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new RenewCertificate(id, body.BlankoNumber!.Trim(), command.Actor, command.At) { RenewedOn = body.RenewedOn }, command.Options, ct)));
    }
}

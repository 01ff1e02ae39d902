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

/// <summary>Issues the certificate after a K decision: the blanko (security form) number and the issuing LSP's code.</summary>
public sealed record IssueCertificateRequest(string? BlankoNumber, string? IssuingLsp, DateOnly? IssuedOn = null)
    : IValidatedRequest
{
    public static readonly IssueCertificateRequest Example = new("BNSP-B 0012345", "LSPBATIK", new DateOnly(2026, 4, 20));

    public FieldErrors Validate() => new FieldErrors()
        .Required("blankoNumber", BlankoNumber)
        .Check("issuingLsp", IssuingLsp is not null && System.Text.RegularExpressions.Regex.IsMatch(IssuingLsp.Trim().ToUpperInvariant(), "^[A-Z0-9]{2,12}$"),
            "The issuing LSP's code is 2 to 12 letters or digits, e.g. LSPBATIK.");
}

/// <summary><c>POST /api/registry/certifications/{id}/certificate</c>: issue the certificate after a K decision: the next number of the LSP for the year, valid 3 years.</summary>
public static class IssueCertificateEndpoint
{
    public static ProblemDetails Validate(IssueCertificateRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications/{id:guid}/certificate", OperationId = "IssueCertificate")]
    [EndpointSummary("Issue the certificate after a K decision: the next number of the LSP for the year, valid 3 years")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<CertificateIssuedResponse>> Post(Guid id, IssueCertificateRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var result = await bus.RecordAsync(new IssueCertificate(id, body.BlankoNumber!.Trim(), body.IssuingLsp!.Trim(), command.Actor, command.At) { IssuedOn = body.IssuedOn },
            command.Options, ct);
        command.Written(result);
        var issued = result.Events.Select(e => e.Data).OfType<CertificateIssued>().Single();
        return TypedResults.Ok(new CertificateIssuedResponse(id, result.Version, issued.CertificateNumber, issued.ValidFrom, issued.ValidUntil));
    }
}

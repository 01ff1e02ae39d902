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

/// <summary><c>POST /api/registry/certifications/{id}/expiry</c>: record that the certificate's validity ended.</summary>
public static class ExpireCertificateEndpoint
{
    [WolverinePost("/api/registry/certifications/{id:guid}/expiry", OperationId = "ExpireCertificate")]
    [EndpointSummary("Record that the certificate's validity ended")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(new ExpireCertificate(id, command.Actor, command.At), command.Options, ct)));
    }
}

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

/// <summary>The candidate's appeal (FR.AK.04) against the latest attempt.</summary>
public sealed record FileAppealRequest(string? Grounds, DateOnly? FiledOn = null)
    : IValidatedRequest
{
    public static readonly FileAppealRequest Example = new("The observation was cut short by a power failure.", new DateOnly(2026, 4, 10));

    public FieldErrors Validate() => new FieldErrors().Required("grounds", Grounds);
}

/// <summary><c>POST /api/registry/certifications/{id}/appeals</c>: file the candidate's appeal (FR.AK.04) against the latest attempt.</summary>
public static class FileAppealEndpoint
{
    public static ProblemDetails Validate(FileAppealRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/certifications/{id:guid}/appeals", OperationId = "FileAppeal")]
    [EndpointSummary("File the candidate's appeal (FR.AK.04) against the latest attempt")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, FileAppealRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new FileAppeal(id, body.Grounds!.Trim(), command.Actor, command.At) { FiledOn = body.FiledOn }, command.Options, ct)));
    }
}

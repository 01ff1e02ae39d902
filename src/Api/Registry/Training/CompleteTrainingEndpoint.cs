using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Commands;
using Ledger.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Ledger.Api.Registry.Training;

/// <summary>
/// <c>POST /api/registry/training/programmes/{id}/participants/{artisanId}/completion</c>: records that a participant
/// completed the programme on the day <c>?completedOn=</c> gives (today in Asia/Jakarta when left out), issuing the centre's
/// training certificate; its number is in the answer's event.
/// </summary>
public static class CompleteTrainingEndpoint
{
    public static ProblemDetails Validate(HttpContext http) => QueryDates.Judge(http, "completedOn");

    [WolverinePost("/api/registry/training/programmes/{id:guid}/participants/{artisanId:guid}/completion", OperationId = "CompleteTraining")]
    [EndpointSummary("Record that a participant completed a training programme, issuing the centre's training certificate")]
    [Authorize(Policy = LedgerPolicies.Registrar)]
    public static async Task<Ok<Recorded>> Post(Guid id, Guid artisanId, string? completedOn, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        return TypedResults.Ok(command.Answer(await bus.RecordAsync(
            new CompleteTraining(id, artisanId, command.Actor, command.At) { CompletedOn = QueryDates.Read(completedOn) }, command.Options, ct)));
    }
}

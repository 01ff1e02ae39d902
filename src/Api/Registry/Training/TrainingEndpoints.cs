using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.Training;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Training;

/// <summary><c>/api/registry/training/programmes</c>: a training programme as it stands (registrar); planning, admitting and completing are commands of their own.</summary>
public static class TrainingEndpoints
{
    public static void MapTraining(this RouteGroupBuilder registry)
    {
        var programmes = registry.MapGroup("/training/programmes").RequireAuthorization(LedgerPolicies.Registrar);
        programmes.MapGet("/{id:guid}", Get).WithName("GetTrainingProgramme")
            .WithSummary("A training programme as it stands, with its participants and their training certificates")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    static async Task<Ok<TrainingProgramme>> Get(Guid id, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<TrainingProgramme>(id, ct: ct);
        if (current is null || !current.State.Planned) throw new NotFoundException($"No training programme {id} has been planned.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(current.State);
    }
}

using Ledger.Commands;
using Wolverine;
using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Batches;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Batches;

/// <summary><c>/api/registry/batches</c>: a batch as it stands (registrar); planning and completing it are commands of their own.</summary>
public static class BatchesEndpoints
{
    public static void MapBatches(this RouteGroupBuilder registry)
    {
        var batches = registry.MapGroup("/batches").RequireAuthorization(LedgerPolicies.Registrar);
        batches.MapGet("/{id:guid}", Get).WithName("GetBatch").WithSummary("A batch as it stands, with its participants")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    static async Task<Ok<Batch>> Get(Guid id, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Batch>(id, ct: ct);
        if (current is null || !current.State.Planned) throw new NotFoundException($"No batch {id} has been planned.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(current.State);
    }
}

using Ledger.Commands;
using Wolverine;
using Ledger.Agreements;
using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Agreements;

/// <summary><c>/api/registry/mous</c> and <c>/api/registry/pks</c>: the regency agency's agreements (role agency).</summary>
public static class AgreementsEndpoints
{
    public static void MapAgreements(this RouteGroupBuilder registry)
    {
        var mous = registry.MapGroup("/mous").RequireAuthorization(LedgerPolicies.Agency);
        mous.MapGet("/{id:guid}", GetMou).WithName("GetMou").WithSummary("An MoU as it stands").ProducesProblem(StatusCodes.Status404NotFound);

        var pks = registry.MapGroup("/pks").RequireAuthorization(LedgerPolicies.Agency);
        pks.MapGet("/{id:guid}", GetPks).WithName("GetPks").WithSummary("A PKS as it stands, with the quota seats taken per year")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    static async Task<Ok<Mou>> GetMou(Guid id, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Mou>(id, ct: ct);
        if (current is null || current.State.Status == AgreementStatus.None) throw new NotFoundException($"No MoU {id} has been recorded.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(current.State);
    }

    static async Task<Ok<Pks>> GetPks(Guid id, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Pks>(id, ct: ct);
        if (current is null || current.State.Status == AgreementStatus.None) throw new NotFoundException($"No PKS {id} has been recorded.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(current.State);
    }
}

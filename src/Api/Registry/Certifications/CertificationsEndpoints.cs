using Ledger.Commands;
using Wolverine;
using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Certifications;

/// <summary><c>/api/registry/certifications</c>: a certification's whole life, from enrollment to renewal (registrar).</summary>
public static class CertificationsEndpoints
{
    public static void MapCertifications(this RouteGroupBuilder registry)
    {
        var c = registry.MapGroup("/certifications").RequireAuthorization(LedgerPolicies.Registrar);
        c.MapGet("/{id:guid}", Get).WithName("GetCertification").WithSummary("A certification as it stands, and its status today")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    static async Task<Ok<CertificationView>> Get(Guid id, IQuerySession session, TimeProvider time, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Certification>(id, ct: ct);
        if (current is null || !current.State.Enrolled) throw new NotFoundException($"No certification {id} has been enrolled.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(new CertificationView(id, current.Version, current.State.StatusOn(Days.TodayInJakarta(time)), current.State));
    }
}

using Ledger.Commands;
using Wolverine;
using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Artisans;
using Ledger.Domain;
using Ledger.PersonalData;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Registry.Artisans;

/// <summary><c>/api/registry/artisans</c>: registration, corrections, aid, monitoring visits, trainer qualifications, erasure.</summary>
public static class ArtisansEndpoints
{
    public static RouteGroupBuilder MapArtisans(this RouteGroupBuilder registry)
    {
        var artisans = registry.MapGroup("/artisans");
        artisans.MapGet("/{id:guid}", Get).WithName("GetArtisan")
            .WithSummary("An artisan's current details; the name revealed, the NIK as its last four digits, erased fields as null")
            .ProducesProblem(StatusCodes.Status404NotFound);
                                                return artisans;
    }

    static async Task<Ok<ArtisanView>> Get(
        Guid id, IQuerySession session, PersonalDataProtector protector, HttpResponse response, CancellationToken ct)
    {
        var current = await session.ReadStateAsync<Artisan>(id, ct: ct);
        if (current is null || !current.State.Registered) throw new NotFoundException($"No artisan {id} is registered.");
        response.SetStreamVersion(current.Version);
        return TypedResults.Ok(await ArtisanView.RevealAsync(current.State, current.Version, protector, ct));
    }
}

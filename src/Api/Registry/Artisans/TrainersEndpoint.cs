using Ledger.Api.Analytics;
using Ledger.Api.Auth;
using Ledger.Artisans;
using Ledger.Marten;
using Ledger.PersonalData;
using Ledger.Projections.ArtisanProfiles;
using Ledger.Projections.Querying;
using Marten;
using static Ledger.Api.Analytics.AnalyticsParameters;

namespace Ledger.Api.Registry.Artisans;

/// <summary>A trainer in the directory as the registry reads it: the name revealed, null once erased.</summary>
public sealed record NamedTrainer(string? Name, TrainerEntry Trainer);

/// <summary>
/// <c>GET /api/registry/trainers</c>: the trainers directory for agencies and registrars choosing a batch's trainer, per
/// regency and scheme, each with their name revealed through the protector (the analysts' directory has no names).
/// </summary>
public static class TrainersEndpoint
{
    public static void MapTrainers(this RouteGroupBuilder registry) =>
        registry.MapGet("/trainers", List).WithName("ListTrainers")
            .WithSummary("Qualified trainers (narasumber) per regency and scheme, with their names, certificate and batches trained")
            .WithDescription("The analysts' trainers directory (`GET /api/analytics/trainers`) with each trainer's name. " +
                "Name one to a batch with `POST /api/registry/batches/{id}/trainers`.")
            .Produces<Paged<NamedTrainer>>()
            .ProducesValidationProblem()
            .WithFilters(Province, Regency, Scheme, Page, PageSize);

    static async Task<IResult> List(HttpRequest request, TrainersDirectoryQuery directory, IQuerySession session, PersonalDataProtector protector, CancellationToken ct)
    {
        var (filter, errors) = AnalyticsFilters.Parse(request.Query);
        AnalyticsFilters.RefuseNotApplicable(request.Query, errors, TrainersDirectoryQuery.NoYear, ["year", "signedYear"]);
        if (errors.Any) return errors.Problem();
        var page = await directory.TrainersAsync(filter, ct);
        var names = new Dictionary<Guid, string?>();
        foreach (var id in page.Items.Select(t => t.ArtisanId).Distinct())
        {
            var artisan = await session.ReadStateAsync<Artisan>(id, ct: ct);
            var name = artisan is null || artisan.State.Erased ? null : await protector.RevealAsync(id, artisan.State.SealedName, ct);
            names[id] = name is null || name.IsErased ? null : name.Value;
        }
        return TypedResults.Ok(new Paged<NamedTrainer>(page.Items.Select(t => new NamedTrainer(names[t.ArtisanId], t)).ToList(), page.Page, page.PageSize, page.Total));
    }
}

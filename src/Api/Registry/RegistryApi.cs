using Ledger.Api.Auth;
using Ledger.Api.Hosting;
using Ledger.Api.Registry.Agreements;
using Ledger.Api.Registry.Artisans;
using Ledger.Api.Registry.Batches;
using Ledger.Api.Registry.Certifications;
using Ledger.Api.Registry.Imports;
using Ledger.Api.Registry.Training;

namespace Ledger.Api.Registry;

/// <summary>
/// <c>/api/registry</c>: the domain's commands. Every write here takes <c>Idempotency-Key</c>, answers its
/// stream's version as an ETag and honours <c>If-Match</c> (see <see cref="Http.CommandContext"/>).
/// Endpoints for one role narrow the group's policy with <c>.RequireAuthorization(LedgerPolicies.Agency)</c>.
/// </summary>
public static class RegistryApi
{
    public static RouteGroupBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registry")
            .WithTags(ApiTags.Registry)
            .RequireAuthorization(LedgerPolicies.Registry);
        group.MapArtisans();
        group.MapTrainers();
        group.MapAgreements();
        group.MapBatches();
        group.MapTraining();
        group.MapCertifications();
        group.MapImports();
        return group;
    }
}

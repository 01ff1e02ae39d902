using Ledger.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Health;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers and the schema is current.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/live", () => TypedResults.Ok(new { status = "live" }));
        group.MapGet("/ready", Ready);
        return app;
    }

    public sealed record Readiness(string Status, int SchemaVersion, int ExpectedSchemaVersion, long Head);

    static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> Ready(EventStore store, CancellationToken ct)
    {
        try
        {
            var version = await store.Migrator.CurrentVersionAsync(ct);
            var head = await store.HeadAsync(ct);
            var readiness = new Readiness(version == store.Migrator.LatestVersion ? "ready" : "schema behind", version, store.Migrator.LatestVersion, head);
            return readiness.Status == "ready"
                ? TypedResults.Ok(readiness)
                : TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            return TypedResults.Json(new Readiness("database unreachable", 0, store.Migrator.LatestVersion, 0), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

using Ledger.Api.Hosting;
using Ledger.Marten;
using Weasel.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers, the schema is
/// current and every registered <see cref="IReadinessCheck"/> passes; the answer lists each check.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags(ApiTags.Health).AllowAnonymous();
        group.MapGet("/live", () => TypedResults.Ok(new Liveness("live"))).WithName("Live");
        group.MapGet("/ready", Ready).WithName("Ready");
        return app;
    }

    public sealed record Liveness(string Status);

    /// <summary><c>ready</c> or <c>not ready</c>, and each check by name (<c>database</c>, <c>schema</c>, and any registered).</summary>
    public sealed record Readiness(string Status, IReadOnlyDictionary<string, CheckResult> Checks);

    static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> Ready(
        SchemaCheck schema, LedgerDatabase database, IEnumerable<IReadinessCheck> more, CancellationToken ct)
    {
        var checks = new Dictionary<string, CheckResult>();
        try
        {
            await using var command = database.DataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {database.Quoted}.mt_events");
            var head = (long)(await command.ExecuteScalarAsync(ct))!;
            checks["database"] = new CheckResult(CheckResult.Ok, new Dictionary<string, object?> { ["head"] = head });
            var difference = await schema.DifferenceAsync(ct);
            checks["schema"] = new CheckResult(
                difference == SchemaPatchDifference.None ? CheckResult.Ok : CheckResult.Failing,
                new Dictionary<string, object?> { ["difference"] = difference.ToString() });
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            checks["database"] = new CheckResult(CheckResult.Failing, new Dictionary<string, object?> { ["error"] = "unreachable" });
        }

        foreach (var check in more)
        {
            try { checks[check.Name] = await check.CheckAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                checks[check.Name] = new CheckResult(CheckResult.Failing, new Dictionary<string, object?> { ["error"] = e.GetType().Name });
            }
        }

        var ready = checks.Values.All(c => c.Passed) && checks.ContainsKey("schema");
        var readiness = new Readiness(ready ? "ready" : "not ready", checks);
        return ready
            ? TypedResults.Ok(readiness)
            : TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

using Ledger.Api.Auth;
using Ledger.Api.Hosting;
using Ledger.Api.Http;
using Ledger.Api.Integrity;
using Ledger.Api.Problems;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Audit;

/// <summary><c>/api/audit</c>: the ledger's events as recorded, for auditors.</summary>
public static class AuditApi
{
    public const int MaxPage = 1000;

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit")
            .WithTags(ApiTags.Audit)
            .RequireAuthorization(LedgerPolicies.Audit);
        group.MapGet("/events", Events)
            .WithName("AuditEvents")
            .WithSummary("Events across the ledger, in global order, by time range and after a position")
            .WithDescription("Pages with `after`: pass the previous page's `nextAfter`. `from` is inclusive, `to` exclusive (ISO 8601).");
        group.MapGet("/streams/{id:guid}", Stream)
            .WithName("AuditStream")
            .WithSummary("A stream's events, in order, with version, position, type, data, metadata and time")
            .WithDescription("`upToVersion` (a version) or `recordedAsOf` (an instant, ISO 8601) cut what the ledger had recorded; `asOf` (a day, YYYY-MM-DD) " +
                "keeps the facts that had happened by that day, on their effective dates. Every event shows its `effectiveOn` and its `recordedAt`. " +
                "The ETag is the stream's version.");
        group.MapCertificationAudit();
        group.MapIntegrityAudit();
        app.MapPublicKey();
        return group;
    }

    static async Task<Results<Ok<AuditEventPage>, ValidationProblem>> Events(
        IQuerySession session, DateTimeOffset? from, DateTimeOffset? to, long? after, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Check("limit", limit is null or (>= 1 and <= MaxPage), $"The limit must be between 1 and {MaxPage}.")
            .Check("after", after is null or >= 0, "After must be a position, 0 or more.")
            .Check("to", from is null || to is null || to > from, "To must be later than from.");
        if (errors.Any) return errors.Problem();

        var size = limit ?? 100;
        var events = await EventsInTimeRange.ReadAsync(session, from, to, after ?? 0, size, ct);
        return TypedResults.Ok(new AuditEventPage(
            events.Select(AuditEvent.From).ToList(),
            events.Count == size ? events[^1].Sequence : null));
    }

    static async Task<Results<Ok<StreamHistory>, ValidationProblem, ProblemHttpResult>> Stream(
        Guid id, IQuerySession session, HttpResponse response, long? upToVersion, string? asOf, DateTimeOffset? recordedAsOf, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var cut = HistoryCut.Parse(upToVersion, recordedAsOf, asOf, errors, "upToVersion");
        if (errors.Any) return errors.Problem();
        var events = cut.InTheWorld(await session.Events.FetchStreamAsync(id, cut.Version ?? 0, cut.RecordedAsOf, token: ct));
        if (events.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"The ledger holds no events for stream {id}{(cut.IsLatest ? "" : " " + cut.InWords())}.");

        if (cut.IsLatest) response.SetStreamVersion(events[^1].Version);
        return TypedResults.Ok(new StreamHistory(id, events[^1].Version, events.Select(AuditEvent.From).ToList()));
    }
}

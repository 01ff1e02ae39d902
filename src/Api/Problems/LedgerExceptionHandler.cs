using System.Text.Json;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Marten;
using Marten;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Api.Problems;

/// <summary>
/// Turns what escapes an endpoint into RFC 9457 problem details: a broken rule 422, an unknown thing
/// 404, a lost race 409 (412 when the request carried If-Match), a bad request 400 (or its own status,
/// e.g. 413; text PostgreSQL cannot store that got past the edge), an unreachable database 503. Anything else is a bare 500; no stack trace ever leaves.
/// </summary>
public sealed class LedgerExceptionHandler(IProblemDetailsService problems, ILogger<LedgerExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested) return true;

        var problem = StreamConflicts.IsConflict(exception)
            ? await ConflictAsync(http, exception, ct)
            : Describe(http, exception);
        if (problem.Status >= 500)
            logger.LogError(exception, "Request failed with {Status}", problem.Status);
        else
            logger.LogInformation("Request refused with {Status}: {Kind}", problem.Status, exception.GetType().Name);

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    static ProblemDetails Describe(HttpContext http, Exception exception)
    {
        switch (exception)
        {
            case NotFoundException e:
                return Problem(StatusCodes.Status404NotFound, "Not found", e.Message);
            case DomainException e:
                return Problem(StatusCodes.Status422UnprocessableEntity, "A rule of the certification process was broken", e.Message);
            case BadHttpRequestException e:
                return BadRequest(e);
            case JsonException e:
                return Problem(StatusCodes.Status400BadRequest, "Malformed request", MalformedJson(e));
            case UnstorableTextException e:
                return Problem(StatusCodes.Status400BadRequest, "Text the ledger cannot store", e.Message);
            case var e when e.MeansDatabaseUnreachable():
                http.Response.Headers.RetryAfter = "5";
                return Problem(StatusCodes.Status503ServiceUnavailable, "The ledger's database is unreachable", "Try again in a few seconds.");
            default:
                return Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred", null);
        }
    }

    /// <summary>
    /// A lost race (Marten's concurrency exceptions): 412 when the request was conditional on the version it named
    /// in If-Match, 409 otherwise; either names the stream and the version to reload, read afresh.
    /// </summary>
    static async Task<ProblemDetails> ConflictAsync(HttpContext http, Exception e, CancellationToken ct)
    {
        long? current = null;
        if (StreamConflicts.StreamOf(e) is { } id)
        {
            await using var query = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
            current = (await query.Events.FetchStreamStateAsync(id, ct))?.Version ?? 0;
        }
        return ConflictProblems.Describe(e, http, current);
    }

    static ProblemDetails BadRequest(BadHttpRequestException e)
    {
        var status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest;
        var detail = e.InnerException is JsonException json ? MalformedJson(json) : e.Message;
        var title = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "Request body too large",
            StatusCodes.Status414UriTooLong => "Request target too long",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => "Request headers too large",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
            _ => "Malformed request",
        };
        return Problem(status, title, detail);
    }

    // The path tells the caller where; the parser's own message may name CLR types, so it stays out.
    static string MalformedJson(JsonException e) =>
        e.Path is { Length: > 0 } path
            ? $"The request body is not valid JSON for this request at {path}."
            : "The request body is not valid JSON.";

    static ProblemDetails Problem(int status, string title, string? detail) => new() { Status = status, Title = title, Detail = detail };
}

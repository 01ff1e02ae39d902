using JasperFx;
using Ledger.Api.Http;
using Ledger.Commands;
using Ledger.Marten;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Api.Problems;

/// <summary>
/// A lost race as a problem: 412 when the request was conditional on a version (If-Match) the stream has left,
/// naming the current version (also the ETag); 409 otherwise. Either names the stream when Marten does.
/// </summary>
public static class ConflictProblems
{
    public static ProblemDetails Describe(Exception e, HttpContext? http, long? current = null)
    {
        if (e is StaleVersionException stale) current = stale.Actual;
        var problem = http?.Request.HasIfMatch() == true || e is StaleVersionException
            ? new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = "The stream has changed",
                Detail = $"The request was conditional on version {(e as StaleVersionException)?.Expected ?? http?.Request.IfMatchVersion()}, but the stream is at version {current}. Reload it and decide again.",
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Another request changed the same record",
                Detail = "The request lost a race with another one that changed the same record; reload it and try again.",
            };
        if (StreamConflicts.StreamOf(e) is { } stream) problem.Extensions["stream"] = stream;
        if (current is { } version)
        {
            problem.Extensions["currentVersion"] = version;
            http?.Response.SetStreamVersion(version);
        }
        return problem;
    }
}

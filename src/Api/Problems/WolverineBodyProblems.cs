using Microsoft.AspNetCore.Mvc;

namespace Ledger.Api.Problems;

/// <summary>
/// A request body Wolverine could not read as JSON is answered 400 with the parser's own message, which can name CLR
/// types, and where in the body it failed. The answer keeps the place and says it in the ledger's words.
/// </summary>
static class WolverineBodyProblems
{
    const string InvalidJson = "Invalid JSON format";

    public static void Sanitize(ProblemDetails problem)
    {
        if (problem.Status != StatusCodes.Status400BadRequest || problem.Title != InvalidJson) return;
        var path = problem.Detail?.Split(" Path: ", 2) is [_, var rest] ? rest.Split(' ', 2)[0] : null;
        problem.Title = "Malformed request";
        problem.Detail = path is { Length: > 0 }
            ? $"The request body is not valid JSON for this request at {path}."
            : "The request body is not valid JSON.";
        problem.Type = null;
        problem.Extensions.Remove("lineNumber");
        problem.Extensions.Remove("bytePositionInLine");
    }
}

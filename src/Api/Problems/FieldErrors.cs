using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Api.Problems;

/// <summary>
/// Collects request validation errors per field and answers them as one 400 validation problem:
/// <code>
/// var errors = new FieldErrors()
///     .Required("name", body.Name)
///     .Check("year", body.Year is >= 2000 and <= 2100, "The year must be between 2000 and 2100.");
/// if (errors.Any) return errors.Problem();
/// </code>
/// </summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Adds <paramref name="message"/> for <paramref name="field"/> unless <paramref name="valid"/>.</summary>
    public FieldErrors Check(string field, bool valid, string message) => valid ? this : Add(field, message);

    public FieldErrors Required(string field, string? value) =>
        Check(field, !string.IsNullOrWhiteSpace(value), $"The field {field} is required.");

    public FieldErrors Required<T>(string field, T? value) where T : struct =>
        Check(field, value.HasValue && !EqualityComparer<T>.Default.Equals(value.Value, default), $"The field {field} is required.");

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>
    /// The errors as a 400 validation problem for a Wolverine endpoint's <c>Validate</c>; Wolverine's "no problems"
    /// (the endpoint goes on) when there are none.
    /// </summary>
    public ProblemDetails Outcome(string? detail = null) => Any
        ? new HttpValidationProblemDetails(ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Detail = detail ?? "The request has fields that are missing or invalid.",
        }
        : WolverineContinue.NoProblems;

    /// <summary>A request body's validation for a Wolverine endpoint's <c>Validate</c>: a missing body (JSON <c>null</c>) is a 400 too.</summary>
    public static ProblemDetails Judge(IValidatedRequest? body) =>
        body is null ? new FieldErrors().Add("body", "The request body is required.").Outcome() : body.Validate().Outcome();

    public ValidationProblem Problem(string? detail = null) =>
        TypedResults.ValidationProblem(ToDictionary(), detail: detail ?? "The request has fields that are missing or invalid.");
}

/// <summary>A request body that checks its own fields (what needs no state); the domain's rules stay in the domain.</summary>
public interface IValidatedRequest
{
    FieldErrors Validate();
}

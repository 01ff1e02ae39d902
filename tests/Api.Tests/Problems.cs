using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using Ledger.Api.Http;
using Microsoft.Extensions.Primitives;

namespace Ledger.Api.Tests;

/// <summary>
/// An RFC 9457 answer as the ledger gives it: <c>application/problem+json</c> with its status and a title, no stack
/// trace, and the request's correlation id; expected of a scenario, or checked on an answer to an HTTP client.
/// </summary>
public static class ProblemAssertions
{
    /// <summary>Expects the scenario to be answered with a problem of <paramref name="status"/>.</summary>
    public static Scenario ProblemShouldBe(this Scenario scenario, HttpStatusCode status)
    {
        scenario.StatusCodeShouldBe(status);
        return scenario.AssertThat(new ProblemAnswer(status));
    }

    /// <summary>Asserts that an answer to an HTTP client is a problem of <paramref name="status"/>; the problem.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        var correlationId = response.Headers.TryGetValues(Correlation.Header, out var ids) ? new StringValues(ids.ToArray()) : StringValues.Empty;
        Failures(status, response.Content.Headers.ContentType?.MediaType, text, correlationId).ShouldBeEmpty(text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A JSON body for an HTTP client's request.</summary>
    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    static List<string> Failures(HttpStatusCode status, string? mediaType, string text, StringValues correlationId)
    {
        var failures = new List<string>();
        if (mediaType != "application/problem+json") failures.Add($"Expected application/problem+json, but the answer was {mediaType ?? "without a content type"}");
        foreach (var internals in new[] { " at Ledger.", "   at ", "Exception" })
            if (text.Contains(internals, StringComparison.Ordinal)) failures.Add($"The problem shows internals ('{internals}')");
        JsonElement problem;
        try { problem = JsonDocument.Parse(text).RootElement; }
        catch (JsonException) { failures.Add("The problem is not JSON"); return failures; }
        if (problem.ValueKind != JsonValueKind.Object) { failures.Add("The problem is not a JSON object"); return failures; }
        if (!problem.TryGetProperty("status", out var answered) || answered.ValueKind != JsonValueKind.Number || answered.GetInt32() != (int)status)
            failures.Add($"The problem does not state status {(int)status}");
        if (!problem.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(title.GetString()))
            failures.Add("The problem has no title");
        var echoed = problem.TryGetProperty("correlationId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (correlationId.Count != 1 || echoed != correlationId[0]) failures.Add($"The problem's correlation id '{echoed}' is not the answer's '{correlationId}'");
        return failures;
    }

    sealed class ProblemAnswer(HttpStatusCode status) : IScenarioAssertion
    {
        public void Assert(Scenario scenario, AssertionContext context)
        {
            var response = context.HttpContext.Response;
            var mediaType = MediaTypeHeaderValue.TryParse(response.ContentType, out var type) ? type.MediaType : null;
            foreach (var failure in Failures(status, mediaType, context.Body(), response.Headers[Correlation.Header]))
                context.AddFailure(failure);
        }
    }
}

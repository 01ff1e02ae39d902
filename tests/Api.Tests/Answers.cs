using System.Net;
using System.Net.Http.Headers;
using Alba;

namespace Ledger.Api.Tests;

/// <summary>Expectations and readings of an answer that Alba leaves to its users.</summary>
public static class Answers
{
    /// <summary>Expects the answer's media type, whatever its parameters (such as its charset).</summary>
    public static Scenario MediaTypeShouldBe(this Scenario scenario, string mediaType) => scenario.AssertThat(new MediaTypeIs(mediaType));

    /// <summary>The answer's status.</summary>
    public static HttpStatusCode Status(this IScenarioResult result) => (HttpStatusCode)result.Context.Response.StatusCode;

    /// <summary>The answer's values of a header, comma-separated; empty when it has none.</summary>
    public static string Header(this IScenarioResult result, string name) => result.Context.Response.Headers[name].ToString();

    /// <summary>
    /// The answer's body as text for an assertion, left readable for the test after it: the test server's body reads
    /// once, and Alba 8 reads JSON from it without buffering it first (unlike <see cref="IScenarioResult.ReadAsTextAsync"/>).
    /// </summary>
    internal static string Body(this AssertionContext context)
    {
        var response = context.HttpContext.Response;
        if (!response.Body.CanSeek)
        {
            var buffer = new MemoryStream();
            response.Body.CopyTo(buffer);
            buffer.Position = 0;
            response.Body = buffer;
        }
        return context.ReadBodyAsString();
    }

    sealed class MediaTypeIs(string expected) : IScenarioAssertion
    {
        public void Assert(Scenario scenario, AssertionContext context)
        {
            var contentType = context.HttpContext.Response.ContentType;
            if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || type.MediaType != expected)
                context.AddFailure($"Expected the media type {expected}, but the content type was '{contentType}'");
        }
    }
}

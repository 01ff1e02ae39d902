using System.Text.Json;
using Ledger.Api.Problems;
using Ledger.Marten;

namespace Ledger.Api.Http;

/// <summary>
/// Refuses, before any endpoint runs, a request carrying text PostgreSQL cannot store (<see cref="StorableText"/>:
/// NUL, a lone surrogate) in a route value, the path, a query string parameter or a string (value or property name)
/// of a JSON body: a 400 validation problem naming each field (<c>scheme</c>, <c>certificateNumber</c>,
/// <c>units[2].unitCode</c>). A body that is not valid JSON is left to the endpoint, which says so.
/// </summary>
public static class StorableTextFilter
{
    public static IApplicationBuilder UseStorableTextFilter(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var errors = new FieldErrors();
            CheckRoute(http.Request, errors);
            CheckQuery(http.Request.Query, errors);
            if (!errors.Any && IsJson(http.Request)) await CheckBodyAsync(http, errors);
            if (!errors.Any)
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = errors.Outcome("The request has text with a character PostgreSQL cannot store (NUL or an unpaired surrogate); nothing was changed."),
            });
        });

    static void CheckRoute(HttpRequest request, FieldErrors errors)
    {
        foreach (var (name, value) in request.RouteValues)
            if (value is string text) Check(name, text, errors);
        if (!errors.Any) Check("path", request.Path.Value ?? "", errors);
    }

    static void CheckQuery(IQueryCollection query, FieldErrors errors)
    {
        foreach (var (name, values) in query)
        {
            if (StorableText.Problem(name) is not null)
            {
                errors.Add("query", "A query string parameter's name has a character the ledger cannot store.");
                continue;
            }
            foreach (var value in values) Check(name, value ?? "", errors);
        }
    }

    static void Check(string field, string text, FieldErrors errors)
    {
        if (StorableText.Problem(text) is { } problem) errors.Add(field, problem);
    }

    static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && (request.ContentLength is null or > 0) &&
        (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
         type.Split(';', 2)[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads the body (within the request's size limit) and walks its JSON once; the endpoint then reads it again
    /// from the start.
    /// </summary>
    static async Task CheckBodyAsync(HttpContext http, FieldErrors errors)
    {
        http.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        http.Request.Body.Position = 0;
        if (buffer.Length > 0) JsonBodyText.Check(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), errors);
    }
}

/// <summary>
/// Walks a JSON document and adds an error for every string or property name PostgreSQL cannot store, under its
/// path (<c>name</c>, <c>units[2].unitCode</c>). Stops quietly at the first syntax error.
/// </summary>
public static class JsonBodyText
{
    public static void Check(ReadOnlySpan<byte> json, FieldErrors errors)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        var path = new List<Step>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new Step(reader.TokenType == JsonTokenType.StartArray, null, -1));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Text(ref reader);
                        var storable = name is not null && StorableText.IsStorable(name);
                        path[^1] = path[^1] with { Property = storable ? name : "(unstorable name)" };
                        if (!storable) errors.Add(Render(path), "A property name has a character the ledger cannot store.");
                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        if (Text(ref reader) is not { } text)
                            errors.Add(Render(path), "The text contains an unpaired surrogate, which is not a character and cannot be stored.");
                        else if (StorableText.Problem(text) is { } problem)
                            errors.Add(Render(path), problem);
                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: the endpoint's own reading answers it.
        }
    }

    /// <summary>The string as .NET reads it, or null when its escapes spell a lone surrogate (which .NET refuses to read).</summary>
    static string? Text(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.GetString();
        try { return reader.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>A value inside an array moves it to its next index.</summary>
    static void Advance(List<Step> path)
    {
        if (path.Count > 0 && path[^1].IsArray) path[^1] = path[^1] with { Index = path[^1].Index + 1 };
    }

    static string Render(List<Step> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var step in path)
        {
            if (step.IsArray) text.Append('[').Append(step.Index).Append(']');
            else if (step.Property is { } property) text.Append(text.Length > 0 ? "." : "").Append(property);
        }
        return text.Length > 0 ? text.ToString() : "body";
    }

    readonly record struct Step(bool IsArray, string? Property, int Index);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;

namespace Ledger.Api.Tests.Hosting;

/// <summary>
/// The OpenAPI document is the clients' contract: every operation keeps its path, method, operation id, summary, tag,
/// role requirement, headers, request schema and example, and success answers; every schema keeps its shape.
/// <c>openapi-contract.json</c> holds them as published; a change to it is a change clients will notice.
/// </summary>
public sealed class KeepingTheApiContract(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    [Fact]
    public async Task every_published_operation_and_schema_is_served_as_it_was_published()
    {
        var published = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Hosting", "openapi-contract.json")))!;
        var document = JsonNode.Parse(await api.Host.GetAsText("/openapi/v1.json"))!;
        var served = Operations(document);

        var differences = new List<string>();
        foreach (var (operation, expected) in published["operations"]!.AsObject())
        {
            if (!served.TryGetValue(operation, out var actual)) differences.Add($"{operation}: missing");
            else if (!JsonNode.DeepEquals(expected, actual)) differences.Add($"{operation}: {actual.ToJsonString()} instead of {expected!.ToJsonString()}");
        }
        var schemas = document["components"]?["schemas"]?.AsObject();
        foreach (var (name, expected) in published["schemas"]!.AsObject())
        {
            var actual = schemas?[name];
            if (!JsonNode.DeepEquals(expected, actual)) differences.Add($"schema {name}: {actual?.ToJsonString() ?? "missing"} instead of {expected!.ToJsonString()}");
        }

        differences.ShouldBeEmpty();
    }

    /// <summary>What a client relies on of each operation, keyed by method and path.</summary>
    static Dictionary<string, JsonNode> Operations(JsonNode document)
    {
        var operations = new Dictionary<string, JsonNode>();
        foreach (var (path, items) in document["paths"]!.AsObject())
            foreach (var (method, operation) in items!.AsObject())
            {
                var request = new JsonObject();
                foreach (var (type, media) in operation!["requestBody"]?["content"]?.AsObject() ?? [])
                    request[type] = new JsonObject { ["example"] = media?["example"]?.DeepClone(), ["schema"] = media?["schema"]?.DeepClone() };
                var responses = new JsonObject();
                foreach (var (code, response) in operation["responses"]?.AsObject() ?? [])
                {
                    if (!code.StartsWith('2')) continue;
                    var content = new JsonObject();
                    foreach (var (type, media) in response?["content"]?.AsObject() ?? []) content[type] = media?["schema"]?.DeepClone();
                    responses[code] = content;
                }
                operations[$"{method.ToUpperInvariant()} {path}"] = new JsonObject
                {
                    ["operationId"] = operation["operationId"]?.DeepClone(),
                    ["parameters"] = new JsonArray([.. (operation["parameters"]?.AsArray() ?? []).Select(p => (string)p!["name"]!).Order(StringComparer.Ordinal).Select(n => (JsonNode)n!)]),
                    ["request"] = request,
                    ["responses"] = responses,
                    ["security"] = operation["security"] is JsonArray { Count: > 0 },
                    ["summary"] = operation["summary"]?.DeepClone(),
                    ["tags"] = operation["tags"]?.DeepClone(),
                };
            }
        return operations;
    }
}

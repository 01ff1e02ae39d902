using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Http;
using Ledger.Domain;
using Microsoft.AspNetCore.OpenApi;

namespace Ledger.Api.Registry;

/// <summary>What a registry write recorded: the stream it addressed, that stream's new version (also the ETag), and the event types written.</summary>
public sealed record Recorded(Guid Id, long Version, IReadOnlyList<string> Events)
{
    public static Recorded From(CommandResult result) =>
        new(result.StreamId, result.Version, result.Events.Where(e => e.StreamId == result.StreamId).Select(e => e.EventTypeName).ToList());
}

/// <summary>Helpers shared by the registry's endpoint groups.</summary>
public static class RegistryWrites
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Sets the ETag and answers 200 with what was recorded.</summary>
    public static Recorded Answer(this CommandContext command, CommandResult result)
    {
        command.Written(result);
        return Recorded.From(result);
    }

    /// <summary>Puts <paramref name="example"/> into the OpenAPI document as the request body's example.</summary>
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, object example) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content)
                foreach (var media in content.Values)
                    media.Example = JsonSerializer.SerializeToNode(example, example.GetType(), Web);
            return Task.CompletedTask;
        });
}

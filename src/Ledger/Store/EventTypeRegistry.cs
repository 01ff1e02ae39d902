using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Store;

/// <summary>
/// Maps events to the stable names stored in <c>events.type</c> and back, so that renaming a CLR type
/// breaks nothing. Upcasters read an old stored shape (or an old name) as the current one.
/// </summary>
public sealed class EventTypeRegistry
{
    readonly ConcurrentDictionary<string, Type> byName = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<Type, string> byType = new();
    readonly ConcurrentDictionary<string, Upcaster> upcasters = new(StringComparer.Ordinal);

    public EventTypeRegistry(JsonSerializerOptions? json = null) =>
        Json = json ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    public JsonSerializerOptions Json { get; }

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/> (snake_case, past tense).</summary>
    public EventTypeRegistry Register<T>(string name) => Register(typeof(T), name);

    public EventTypeRegistry Register(Type type, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (byName.TryGetValue(name, out var existing) && existing != type)
            throw new InvalidOperationException($"Event name '{name}' is already registered for {existing.Name}.");
        byName[name] = type;
        byType[type] = name;
        return this;
    }

    /// <summary>
    /// Reads events stored under <paramref name="storedName"/> as <paramref name="currentName"/>, after
    /// <paramref name="transform"/> has reshaped their data. The same name on both sides reshapes in place.
    /// </summary>
    public EventTypeRegistry Upcast(string storedName, string currentName, Func<JsonObject, JsonObject> transform)
    {
        upcasters[storedName] = new Upcaster(currentName, transform);
        return this;
    }

    /// <summary>Reshapes events stored under <paramref name="name"/> in place.</summary>
    public EventTypeRegistry Upcast(string name, Func<JsonObject, JsonObject> transform) => Upcast(name, name, transform);

    public bool IsRegistered(Type type) => byType.ContainsKey(type);

    public string NameOf(Type type) =>
        byType.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException($"Event type {type.Name} is not registered with a stored name.");

    public string NameOf(object @event) => NameOf(@event.GetType());

    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), Json);

    /// <summary>Reads stored data as the current event shape, applying upcasters.</summary>
    public (string Name, object Event) Deserialize(string storedName, string json)
    {
        var name = storedName;
        JsonObject? node = null;
        // An upcaster may rename, and the new name may have its own upcaster; a cycle is cut after a few hops.
        for (var hop = 0; hop < 8 && upcasters.TryGetValue(name, out var upcaster); hop++)
        {
            node ??= JsonNode.Parse(json)?.AsObject() ?? new JsonObject();
            node = upcaster.Transform(node);
            var renamed = upcaster.CurrentName != name;
            name = upcaster.CurrentName;
            if (!renamed) break;
        }

        if (!byName.TryGetValue(name, out var type))
            return (name, new UnknownEvent(name, node?.ToJsonString() ?? json));

        var value = node is null ? JsonSerializer.Deserialize(json, type, Json) : node.Deserialize(type, Json);
        return (name, value ?? throw new InvalidOperationException($"Event '{storedName}' has no data."));
    }

    sealed record Upcaster(string CurrentName, Func<JsonObject, JsonObject> Transform);
}

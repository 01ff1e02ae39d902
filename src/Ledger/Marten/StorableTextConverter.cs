using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Marten;

/// <summary>
/// Writes strings into the JSON the store sends to PostgreSQL only when PostgreSQL can store them
/// (<see cref="StorableText"/>); otherwise the whole write fails here, before any statement is sent, with
/// <see cref="UnstorableTextException"/>. Reads strings as they are.
/// </summary>
public sealed class StorableTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        Check(value);
        writer.WriteStringValue(value);
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        Check(value);
        writer.WritePropertyName(value);
    }

    static void Check(string value)
    {
        if (StorableText.Problem(value) is { } problem) throw new UnstorableTextException(problem);
    }
}

/// <summary>Text PostgreSQL cannot store reached the store; nothing was sent. The edge refuses such requests before this.</summary>
public sealed class UnstorableTextException(string message) : Exception(message);

using System.Text.Json;
using Ledger.Store;

namespace Ledger.Api.Audit;

/// <summary>An event as an auditor reads it: where it stands in the ledger and in its stream, what it says, who recorded it and when.</summary>
public sealed record AuditEvent(
    long Position,
    Guid StreamId,
    long Version,
    string Type,
    JsonElement Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt)
{
    public static AuditEvent From(StoredEvent e, EventTypeRegistry registry) =>
        new(e.Sequence, e.StreamId, e.Version, e.Type, DataOf(e.Data, registry), e.Metadata, e.RecordedAt);

    static JsonElement DataOf(object data, EventTypeRegistry registry) => data switch
    {
        UnknownEvent unknown => JsonDocument.Parse(unknown.Json).RootElement.Clone(),
        _ => JsonSerializer.SerializeToElement(data, data.GetType(), registry.Json),
    };
}

/// <summary>A page of the ledger's events; <see cref="NextAfter"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEvent> Events, long? NextAfter);

/// <summary>A stream's events in order and the version it is at.</summary>
public sealed record StreamHistory(Guid StreamId, long Version, IReadOnlyList<AuditEvent> Events);

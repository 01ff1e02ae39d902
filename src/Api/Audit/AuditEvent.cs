using System.Text.Json;
using JasperFx.Events;
using Ledger.Marten;

namespace Ledger.Api.Audit;

/// <summary>
/// An event as an auditor reads it: where it stands in the ledger and in its stream, what it says, who recorded it, the
/// day its fact happened in the world (<see cref="EffectiveOn"/>) and the moment the ledger recorded it (<see cref="RecordedAt"/>).
/// </summary>
public sealed record AuditEvent(
    long Position,
    Guid StreamId,
    long Version,
    string Type,
    JsonElement Data,
    AuditMetadata Metadata,
    DateOnly EffectiveOn,
    DateTimeOffset RecordedAt)
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static AuditEvent From(IEvent e) =>
        new(e.Sequence, e.StreamId, e.Version, e.EventTypeName, JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), Web),
            AuditMetadata.Of(e), HistoryCut.EffectiveOn(e), e.Timestamp);
}

/// <summary>Who recorded an event and why, and the request it belongs to, as Marten keeps them with the event.</summary>
public sealed record AuditMetadata(string? Actor, string? Reason, string? CorrelationId, string? CausationId, string? IdempotencyKey)
{
    public static AuditMetadata Of(IEvent e) => new(
        e.UserName, e.GetHeader(LedgerStore.ReasonHeader)?.ToString(), e.CorrelationId, e.CausationId,
        e.GetHeader(LedgerStore.IdempotencyKeyHeader)?.ToString());
}

/// <summary>A page of the ledger's events; <see cref="NextAfter"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEvent> Events, long? NextAfter);

/// <summary>A stream's events in order and the version it is at.</summary>
public sealed record StreamHistory(Guid StreamId, long Version, IReadOnlyList<AuditEvent> Events);

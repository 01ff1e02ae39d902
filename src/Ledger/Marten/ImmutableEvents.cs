using Weasel.Core;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Triggers;

namespace Ledger.Marten;

/// <summary>
/// The rule that recorded events never change: triggers on <c>mt_events</c> refuse any DELETE and TRUNCATE, and
/// any UPDATE that changes something other than Marten's <c>is_archived</c> flag (archiving a stream still
/// works). The error names the rule: <c>the ledger's events are immutable: ...</c> (SQLSTATE <c>LG001</c>).
/// A superuser can disable the triggers; what they then change is caught by verification, not prevented.
/// </summary>
public sealed class ImmutableEvents(string schema)
{
    /// <summary>The SQLSTATE of a refused change.</summary>
    public const string RefusedState = "LG001";

    /// <summary>
    /// The triggers refusing updates, deletes and TRUNCATE, one per event (PostgreSQL prints a trigger's events in
    /// its own order, so one trigger per event lets the migration recognise each as it declared it).
    /// </summary>
    public static IReadOnlyList<string> TriggerNames { get; } = ["ledger_events_not_updated", "ledger_events_not_deleted", "ledger_events_not_truncated"];

    const int Version = 1;

    string FunctionName => $"ledger_refuse_event_change_v{Version}";

    public IEnumerable<ISchemaObject> SchemaObjects()
    {
        yield return new Function(PostgresNames.Function(schema, FunctionName), Body());
        yield return Guard(TriggerNames[0], TriggerEvents.Update);
        yield return Guard(TriggerNames[1], TriggerEvents.Delete);
        yield return Guard(TriggerNames[2], TriggerEvents.Truncate);
    }

    Trigger Guard(string name, TriggerEvents refused) =>
        new(PostgresNames.Relation(schema, name), PostgresNames.Relation(schema, "mt_events"), $"{schema}.{FunctionName}()")
        {
            Timing = TriggerTiming.Before,
            Events = refused,
            ForEachRow = refused != TriggerEvents.Truncate,
        };

    string Body() => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.{{FunctionName}}() RETURNS trigger AS $$
        DECLARE
            changed text;
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                RAISE EXCEPTION 'the ledger''s events are immutable: % cannot be truncated', TG_TABLE_NAME
                    USING ERRCODE = '{{RefusedState}}';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'the ledger''s events are immutable: event % of stream % (seq_id %) cannot be deleted', OLD.version, OLD.stream_id, OLD.seq_id
                    USING ERRCODE = '{{RefusedState}}';
            END IF;
            SELECT string_agg(n.key, ', ' ORDER BY n.key) INTO changed
            FROM jsonb_each(to_jsonb(NEW)) n
            WHERE n.key <> 'is_archived' AND n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key;
            IF changed IS NOT NULL THEN
                RAISE EXCEPTION 'the ledger''s events are immutable: the % of event % of stream % (seq_id %) cannot be changed; only is_archived may', changed, OLD.version, OLD.stream_id, OLD.seq_id
                    USING ERRCODE = '{{RefusedState}}';
            END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
        """;
}

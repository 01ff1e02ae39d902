using Ledger.Integrity;
using Weasel.Core;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Triggers;

namespace Ledger.Marten;

/// <summary>
/// The hash chain over <c>mt_events</c>: a BEFORE INSERT trigger that writes each event's <c>prev_hash</c> (the
/// hash of the event before it in its stream, or 32 zero bytes) and <c>hash</c> (SHA-256(prev_hash ‖ SHA-256(the
/// event's canonical bytes)), see <see cref="CanonicalEncoding"/>) into its headers, as lower-case hex, inside
/// the append's transaction. It sees every event whatever the append mode, and each event of a multi-event
/// append chains onto the one inserted just before it by the same command.
/// <para>
/// The function's name carries its version (<c>ledger_chain_event_v1</c>): a new body gets a new name, so that
/// a migration creates it and repoints the trigger instead of dropping the function (and with it, by
/// <c>CASCADE</c>, the trigger) to recreate it. Earlier versions are dropped after the trigger has moved on.
/// </para>
/// </summary>
public sealed class HashChain(string schema, int version = HashChain.CurrentVersion)
{
    /// <summary>The version of the chain function the ledger installs; raise it with every change of its body.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The trigger's name on <c>mt_events</c>.</summary>
    public const string TriggerName = "ledger_events_hash_chain";

    public string FunctionName => FunctionNameOf(version);

    static string FunctionNameOf(int version) => $"ledger_chain_event_v{version}";

    /// <summary>The chain function, the trigger that runs it, and the removal of the function's earlier versions.</summary>
    public IEnumerable<ISchemaObject> SchemaObjects()
    {
        yield return new Function(PostgresNames.Function(schema, FunctionName), Body());
        yield return new Trigger(PostgresNames.Relation(schema, TriggerName), PostgresNames.Relation(schema, "mt_events"), $"{schema}.{FunctionName}()")
        {
            Timing = TriggerTiming.Before,
            Events = TriggerEvents.Insert,
            ForEachRow = true,
        };
        for (var earlier = 1; earlier < version; earlier++)
            yield return Function.ForRemoval(PostgresNames.Function(schema, FunctionNameOf(earlier)));
    }

    // Written as Marten writes its functions (AS $$ DECLARE ... $$ LANGUAGE plpgsql) so that the migration
    // recognises it in pg_get_functiondef's rendering and finds nothing to change.
    string Body() => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.{{FunctionName}}() RETURNS trigger AS $$
        DECLARE
            previous bytea;
            previous_hex text;
        BEGIN
            IF NEW.headers IS NULL OR jsonb_typeof(NEW.headers) <> 'object' THEN
                NEW.headers := '{}'::jsonb;
            END IF;
            IF NEW.version = 1 THEN
                previous := decode(repeat('00', 32), 'hex');
            ELSE
                SELECT e.headers ->> '{{CanonicalEncoding.HashHeader}}' INTO previous_hex
                FROM {{schema}}.mt_events e
                WHERE e.stream_id = NEW.stream_id AND e.version = NEW.version - 1;
                IF previous_hex IS NULL THEN
                    RAISE EXCEPTION 'the ledger''s hash chain cannot continue: event % of stream % has no hash', NEW.version - 1, NEW.stream_id
                        USING ERRCODE = 'LG002';
                END IF;
                previous := decode(previous_hex, 'hex');
            END IF;
            NEW.headers := NEW.headers || jsonb_build_object(
                '{{CanonicalEncoding.PreviousHashHeader}}', encode(previous, 'hex'),
                '{{CanonicalEncoding.HashHeader}}', encode(sha256(previous || sha256({{CanonicalEncoding.ContentSql("NEW")}})), 'hex'));
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
        """;
}

using Ledger.Marten;
using Weasel.Core;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Ledger.Integrity;

/// <summary>
/// <c>ledger_checkpoints</c>: the signed checkpoints, one row each, append-only (a trigger refuses updates,
/// deletes and TRUNCATE, and a changed row would break its signature anyway). <c>position</c> is the highest
/// <c>mt_events.seq_id</c> the checkpoint covers.
/// </summary>
public sealed class CheckpointsTable(string schema)
{
    public const string TableName = "ledger_checkpoints";

    /// <summary>The triggers refusing updates, deletes and TRUNCATE, one per event.</summary>
    public static IReadOnlyList<string> TriggerNames { get; } = ["ledger_checkpoints_not_updated", "ledger_checkpoints_not_deleted", "ledger_checkpoints_not_truncated"];

    const int Version = 1;

    string FunctionName => $"ledger_refuse_checkpoint_change_v{Version}";

    public IEnumerable<ISchemaObject> SchemaObjects()
    {
        var table = new Table(PostgresNames.Relation(schema, TableName));
        table.AddColumn<long>("number").AsPrimaryKey();
        table.AddColumn<long>("position").NotNull();
        table.AddColumn<long>("event_count").NotNull();
        table.AddColumn("range_root", "bytea").NotNull();
        table.AddColumn("previous", "bytea").NotNull();
        table.AddColumn("signature", "bytea").NotNull();
        table.AddColumn<string>("key_id").NotNull();
        table.AddColumn("created_at", "timestamp with time zone").NotNull();
        yield return table;

        yield return new Function(PostgresNames.Function(schema, FunctionName), $$"""
            CREATE OR REPLACE FUNCTION {{schema}}.{{FunctionName}}() RETURNS trigger AS $$
            DECLARE
                refused text := TG_OP;
            BEGIN
                RAISE EXCEPTION 'the ledger''s checkpoints are append-only: % is refused', refused USING ERRCODE = 'LG003';
            END;
            $$ LANGUAGE plpgsql;
            """);
        yield return Guard(TriggerNames[0], TriggerEvents.Update);
        yield return Guard(TriggerNames[1], TriggerEvents.Delete);
        yield return Guard(TriggerNames[2], TriggerEvents.Truncate);
    }

    Trigger Guard(string name, TriggerEvents refused) =>
        new(PostgresNames.Relation(schema, name), PostgresNames.Relation(schema, TableName), $"{schema}.{FunctionName}()")
        {
            Timing = TriggerTiming.Before,
            Events = refused,
            ForEachRow = refused != TriggerEvents.Truncate,
        };
}

using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Api.Idempotency;

/// <summary>
/// <c>idempotency_keys</c>, created and kept by Marten's schema management: one row per caller and key. A row
/// without <c>completed_at</c> is a request in flight (its primary key stops a duplicate from running alongside);
/// a completed row holds the first answer.
/// </summary>
public sealed class IdempotencyKeysTable(StoreOptions options) : FeatureSchemaBase("idempotency_keys", options.Advanced.Migrator)
{
    readonly string schema = options.DatabaseSchemaName;

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Table(new PostgresqlObjectName(schema, "idempotency_keys", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("caller").AsPrimaryKey();
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn("request_hash", "bytea").NotNull();
        table.AddColumn("started_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        table.AddColumn("completed_at", "timestamptz");
        table.AddColumn<int>("status").AllowNulls();
        table.AddColumn("headers", "jsonb");
        table.AddColumn("body", "bytea");
        table.Indexes.Add(new IndexDefinition("idempotency_keys_started_at") { Columns = ["started_at"] });
        yield return table;
    }
}

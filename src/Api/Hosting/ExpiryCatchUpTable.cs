using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Api.Hosting;

/// <summary>
/// <c>expiry_catch_up</c>, created and kept by Marten's schema management: one row once the expiries of the certificates
/// in force before expiry was scheduled have been scheduled (<see cref="ExpiryCatchUp"/>). Its primary key lets one
/// host, and only one, commit that.
/// </summary>
public sealed class ExpiryCatchUpTable(StoreOptions options) : FeatureSchemaBase(TableName, options.Advanced.Migrator)
{
    public const string TableName = "expiry_catch_up";

    readonly string schema = options.DatabaseSchemaName;

    /// <summary>Records the catch-up (<c>?</c> placeholders: its name, how many expiries it scheduled).</summary>
    public static string Insert(string quotedSchema) => $"insert into {quotedSchema}.{TableName} (name, expiries) values (?, ?)";

    public static string Exists(string quotedSchema) => $"select exists (select 1 from {quotedSchema}.{TableName} where name = $1)";

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("name").AsPrimaryKey();
        table.AddColumn<int>("expiries").NotNull();
        table.AddColumn("done_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        yield return table;
    }
}

using Weasel.Core;
using Weasel.Core.Migrations;

namespace Ledger.Projections.ReadModels;

/// <summary>
/// Every table of the read side (the async read models' live tables, the inline verification tables and the
/// regency list) as one feature of Marten's schema management, so that
/// <c>ApplyAllConfiguredChangesToDatabaseAsync</c> and the <c>db-apply</c> verb create them and the next diff is empty.
/// </summary>
public sealed class ReadModelSchema(string schema, IReadOnlyList<ReadModelTable> tables, Migrator migrator)
    : FeatureSchemaBase("ledger_read_models", migrator)
{
    protected override IEnumerable<ISchemaObject> schemaObjects() => tables.Select(t => t.Build(schema, t.Name));
}

using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Ledger.Projections.ReadModels;

/// <summary>
/// One table of a read model, described once and built under any physical name: the live name that Marten's
/// schema management creates, or the shadow a rebuild fills. The primary key and every index are named after
/// the physical table (<c>{table}_pkey</c>, <c>{table}_{suffix}</c>), so a swapped-in shadow is renamed into
/// exactly the objects the schema management expects.
/// </summary>
public sealed class ReadModelTable(string name, Action<Table> columns, params (string Suffix, string[] Columns)[] indexes)
{
    /// <summary>The live table's name (<c>regency_totals</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The table's definition under <paramref name="physicalName"/> in <paramref name="schema"/>.</summary>
    public Table Build(string schema, string physicalName)
    {
        var table = new Table(new PostgresqlObjectName(schema, physicalName, SchemaUtils.IdentifierUsage.General));
        columns(table);
        table.PrimaryKeyName = physicalName + "_pkey";
        foreach (var (suffix, indexed) in indexes)
            table.Indexes.Add(new IndexDefinition($"{physicalName}_{suffix}") { Columns = indexed });
        return table;
    }
}

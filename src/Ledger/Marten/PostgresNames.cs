using Weasel.Postgresql;

namespace Ledger.Marten;

/// <summary>Weasel's names of the ledger's own schema objects.</summary>
static class PostgresNames
{
    public static PostgresqlObjectName Relation(string schema, string name) => new(schema, name, SchemaUtils.IdentifierUsage.General);

    public static PostgresqlObjectName Function(string schema, string name) => new(schema, name, SchemaUtils.IdentifierUsage.Function);
}

using System.Text.RegularExpressions;

namespace Ledger.Store.Schema;

/// <summary>
/// A PostgreSQL schema name, checked once so that it can be placed in SQL text as an identifier
/// (values always travel as parameters).
/// </summary>
public sealed partial record SchemaName
{
    public SchemaName(string name)
    {
        if (!Valid().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a valid schema name: use lower-case letters, digits and underscores.", nameof(name));
        Name = name;
    }

    public string Name { get; }

    /// <summary>The quoted identifier, e.g. <c>"ledger"</c>.</summary>
    public string Quoted => $"\"{Name}\"";

    public override string ToString() => Quoted;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Valid();
}

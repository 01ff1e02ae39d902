using System.Text.RegularExpressions;

namespace Ledger.Projections.Daemon;

/// <summary>
/// A table a projection owns: its logical <paramref name="Name"/> and the DDL that creates it under a
/// physical name (the live table, or its shadow during a rebuild). Name indexes after
/// <see cref="PhysicalTable.Name"/> so that live and shadow never collide.
/// </summary>
public sealed partial record ProjectionTable(string Name, Func<PhysicalTable, string> Create)
{
    /// <summary>The suffix of a shadow table, which a rebuild fills and then swaps in.</summary>
    public const string ShadowSuffix = "__rebuild";

    public string Name { get; } = Valid().IsMatch(Name)
        ? Name
        : throw new ArgumentException($"'{Name}' is not a valid table name: use lower-case letters, digits and underscores, at most 50.", nameof(Name));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,49}$")]
    private static partial Regex Valid();
}

/// <summary>A table as it stands in the database: <see cref="Qualified"/> to use in SQL, <see cref="Name"/> to derive index names from.</summary>
public readonly record struct PhysicalTable(string Schema, string Name)
{
    /// <summary>The schema-qualified quoted name, e.g. <c>"ledger"."regency_totals"</c>.</summary>
    public string Qualified => $"{Schema}.\"{Name}\"";

    public override string ToString() => Qualified;
}

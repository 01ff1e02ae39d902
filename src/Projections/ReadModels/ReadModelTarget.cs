using Ledger.Marten;

namespace Ledger.Projections.ReadModels;

/// <summary>
/// Where a read model's projection writes: the ledger's database and the suffix of its physical tables
/// (none for the live tables, <see cref="Shadow"/> for the tables a rebuild fills before they are swapped in).
/// </summary>
public sealed record ReadModelTarget(LedgerDatabase Database, string Suffix)
{
    /// <summary>The suffix of the tables a rebuild fills.</summary>
    public const string Shadow = "__rebuild";

    public static ReadModelTarget Live(LedgerDatabase database) => new(database, "");

    public static ReadModelTarget Rebuild(LedgerDatabase database) => new(database, Shadow);

    public bool IsShadow => Suffix.Length > 0;

    /// <summary>The physical name of one of the read model's tables (<c>regency_totals__rebuild</c>).</summary>
    public string Physical(string table) => table + Suffix;

    /// <summary>The schema-qualified physical name of one of the read model's tables, to put in SQL.</summary>
    public string Qualified(string table) => $"{Database.Quoted}.{Physical(table)}";
}

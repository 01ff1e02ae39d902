namespace Ledger.Store.Schema;

/// <summary>One step of the schema's history; <paramref name="Sql"/> receives the quoted schema name.</summary>
public sealed record Migration(int Version, string Description, Func<string, string> Sql);

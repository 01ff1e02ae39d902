using Ledger.Projections.ReadModels;

namespace Ledger.Projections.Regencies;

/// <summary><c>regencies</c>: the official list of regencies and cities (code <c>PP.KK</c>) with their provinces.</summary>
public static class RegenciesTable
{
    public static ReadModelTable Definition { get; } = new("regencies", t =>
    {
        t.AddColumn("code", "text").AsPrimaryKey();
        t.AddColumn("name", "text").NotNull();
        t.AddColumn("kind", "text").NotNull();
        t.AddColumn("province_code", "text").NotNull();
        t.AddColumn("province_name", "text").NotNull();
    }, ("province", ["province_code"]));
}

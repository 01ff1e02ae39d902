using Ledger.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

public sealed class CreatingTheSchema : ReadSideTest
{
    [Fact]
    public async Task marten_creates_every_read_side_table_and_the_next_migration_has_nothing_to_do()
    {
        foreach (var table in ReadModelTables().Concat(["verification_view", "verification_holders", "artisan_names", "regencies"]))
            (await TestDatabase.ScalarAsync<bool>("select to_regclass($1) is not null", $"\"{Schema}\".{table}")).ShouldBeTrue(table);

        var delta = await Store.Storage.Database.CreateMigrationAsync();
        delta.Difference.ShouldBe(Weasel.Core.SchemaPatchDifference.None,
            string.Join(", ", delta.Deltas.Where(d => d.Difference != Weasel.Core.SchemaPatchDifference.None).Select(d => d.SchemaObject.Identifier)));
    }
}

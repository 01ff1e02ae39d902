using Ledger.Store;
using Ledger.Testing;
using Npgsql;

namespace Ledger.Tests.Store;

public sealed class InlineProjections : StoreTest
{
    readonly CountingProjection counting = new();

    public InlineProjections() => Store.AddInlineProjection(counting);

    protected override EventTypeRegistry CreateRegistry() => Tally.Registry();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestDatabase.ExecuteAsync($"create table \"{Schema}\".tally_totals (id uuid primary key, total int not null)");
    }

    [Fact]
    public async Task an_inline_projection_is_current_as_soon_as_the_append_returns()
    {
        var id = Guid.NewGuid();
        await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, "t"), new TallyIncremented(id, 4));
        await Store.AppendAsync(id, 2, EventMetadata.None, new TallyIncremented(id, 3));

        (await TestDatabase.ScalarAsync<int>($"select total from \"{Schema}\".tally_totals where id = $1", id)).ShouldBe(7);
    }

    [Theory]
    [InlineData(ExpectedVersion.NoStream)]
    [InlineData(ExpectedVersion.Any)]
    public async Task a_failing_projection_statement_leaves_neither_events_nor_stream(long expectedVersion)
    {
        var id = Guid.NewGuid();
        counting.FailFor = id;

        await Should.ThrowAsync<PostgresException>(() => Store.AppendAsync(id, expectedVersion, EventMetadata.None, new TallyOpened(id, "t"), new TallyIncremented(id, 1)));

        (await Store.FetchStreamAsync(id)).ShouldBeEmpty();
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".streams where id = $1", id)).ShouldBe(0);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".tally_totals where id = $1", id)).ShouldBe(0);
    }

    sealed class CountingProjection : IInlineProjection
    {
        public Guid FailFor { get; set; }

        public void Enqueue(IReadOnlyList<PendingEvent> events, InlineBatch batch)
        {
            foreach (var e in events)
            {
                if (e.Data is TallyIncremented inc)
                    batch.Add($"insert into {batch.Schema}.tally_totals (id, total) values ($1, $2) on conflict (id) do update set total = tally_totals.total + excluded.total",
                        new NpgsqlParameter { Value = inc.TallyId }, new NpgsqlParameter { Value = inc.By });
                if (e.StreamId == FailFor) batch.Add("select 1 / 0");
            }
        }
    }
}

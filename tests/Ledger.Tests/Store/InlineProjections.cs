using JasperFx.Events;
using JasperFx.Events.Projections;
using Ledger.Testing;
using Marten;
using Marten.Events.Projections;
using Marten.Exceptions;
using Npgsql;

namespace Ledger.Tests.Store;

/// <summary>An inline projection's statements commit in the transaction of the events they project, or neither does.</summary>
public sealed class InlineProjections : LedgerStoreTest
{
    readonly TotalsProjection totals = new();

    protected override void Configure(StoreOptions options)
    {
        Tally.Register(options);
        options.Projections.Add(totals, ProjectionLifecycle.Inline);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestDatabase.ExecuteAsync($"create table \"{Schema}\".tally_totals (id uuid primary key, total int not null)");
    }

    Task<long> CountAsync(string table, Guid id) =>
        TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".{table} where {(table == "mt_events" ? "stream_id" : "id")} = $1", id);

    [Fact]
    public async Task an_inline_projection_is_current_as_soon_as_the_append_returns()
    {
        var id = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream<Tally>(id, new TallyOpened(id, "t"), new TallyIncremented(id, 4));
            await session.SaveChangesAsync();
        }
        await using (var session = Store.LightweightSession())
        {
            (await session.Events.FetchForWriting<Tally>(id, 2)).AppendOne(new TallyIncremented(id, 3));
            await session.SaveChangesAsync();
        }

        (await TestDatabase.ScalarAsync<int>($"select total from \"{Schema}\".tally_totals where id = $1", id)).ShouldBe(7);
        // The row was last written by the transaction that appended version 3.
        (await TestDatabase.ScalarAsync<long>(
            $"select count(*) from \"{Schema}\".mt_events e join \"{Schema}\".tally_totals t on t.xmin = e.xmin where e.stream_id = $1 and e.version = 3 and t.id = $1", id))
            .ShouldBe(1);
    }

    public static TheoryData<string> WaysToWrite => ["start", "append", "fetch for writing"];

    [Theory]
    [MemberData(nameof(WaysToWrite))]
    public async Task a_failing_projection_statement_leaves_neither_events_nor_stream(string way)
    {
        var id = Guid.NewGuid();
        totals.FailFor = id;

        await using (var session = Store.LightweightSession())
        {
            object[] events = [new TallyOpened(id, "t"), new TallyIncremented(id, 1)];
            switch (way)
            {
                case "start": session.Events.StartStream<Tally>(id, events); break;
                case "append": session.Events.Append(id, events); break;
                default: (await session.Events.FetchForWriting<Tally>(id)).AppendMany(events); break;
            }
            var error = await Should.ThrowAsync<MartenCommandException>(() => session.SaveChangesAsync());
            error.InnerException.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.DivisionByZero);
        }

        (await CountAsync("mt_events", id)).ShouldBe(0);
        (await CountAsync("mt_streams", id)).ShouldBe(0);
        (await CountAsync("tally_totals", id)).ShouldBe(0);
    }

    /// <summary>Adds each increment to its tally's row; for one stream, also divides by zero.</summary>
    sealed class TotalsProjection : IProjection
    {
        public Guid FailFor { get; set; }

        public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
        {
            var schema = operations.DocumentStore.Options.DatabaseSchemaName;
            foreach (var e in events)
            {
                if (e.Data is TallyIncremented inc)
                    operations.QueueSqlCommand(
                        $"insert into \"{schema}\".tally_totals (id, total) values (?, ?) on conflict (id) do update set total = tally_totals.total + excluded.total",
                        inc.TallyId, inc.By);
                if (e.StreamId == FailFor) operations.QueueSqlCommand("select 1 / 0");
            }
            return Task.CompletedTask;
        }
    }
}

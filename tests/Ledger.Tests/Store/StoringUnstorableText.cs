using Ledger.Marten;
using Ledger.Testing;
using Marten;
using Npgsql;

namespace Ledger.Tests.Store;

/// <summary>
/// An event whose text PostgreSQL cannot store (a NUL, which jsonb refuses with 22P05 while binding it) is refused,
/// and the appends after it, on the same connection, are recorded as if it had never been tried.
/// </summary>
public sealed class StoringUnstorableText : LedgerStoreTest
{
    protected override void Configure(StoreOptions options) => Tally.Register(options);

    /// <summary>Cases built in code: a lone surrogate does not survive an attribute (stored as UTF-8 in metadata).</summary>
    [Fact]
    public void text_is_storable_unless_it_holds_a_nul_or_a_lone_surrogate()
    {
        var cases = new (string Text, int UnstorableAt)[]
        {
            ("Batik Tulis Lasem", -1), ("Perajin \uD83D\uDE00 batik", -1), ("", -1), ("a\0b", 1), ("\0", 0),
            ("ab\uD800", 2), ("\uDC00z", 0), ("x\uD800\uD800\uDC00", 1), ("\uD83D\uDE00\uDE00", 2),
        };
        foreach (var (text, at) in cases)
        {
            StorableText.FindUnstorable(text).ShouldBe(at, text);
            (StorableText.Problem(text) is null).ShouldBe(at < 0, text);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task an_event_with_a_nul_is_refused_and_the_connection_goes_on(int nulRun)
    {
        await using var dataSource = LedgerDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString)
            { ApplicationName = Schema, MaxPoolSize = 1 }.ConnectionString);
        using var store = DocumentStore.For(options =>
        {
            LedgerStore.Configure(options, dataSource, new LedgerStoreSettings { Schema = Schema });
            Configure(options);
        });
        var id = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Tally>(id, new TallyOpened(id, "start"));
            await session.SaveChangesAsync();
        }

        var outcomes = new List<string>();
        for (var run = 1; run <= 12; run++)
        {
            try
            {
                await using var session = store.LightweightSession();
                session.Events.Append(id, new TallyRenamed(id, run == nulRun ? "a\0b" : $"name {run}"));
                await session.SaveChangesAsync();
                outcomes.Add("recorded");
            }
            catch (Exception e) { outcomes.Add(e is UnstorableTextException ? "refused" : $"{e.GetType().Name}: {e.Message}"); }
        }

        outcomes.ShouldBe(Enumerable.Range(1, 12).Select(run => run == nulRun ? "refused" : "recorded"));
        await using var query = store.QuerySession();
        (await query.Events.FetchStreamAsync(id)).Count.ShouldBe(12);
    }
}

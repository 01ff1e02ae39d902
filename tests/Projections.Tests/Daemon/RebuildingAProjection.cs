using Ledger.Store;
using Ledger.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.Daemon;

public sealed class RebuildingAProjection : DaemonTest
{
    readonly TallyTotalsProjection totals = new();

    [Fact]
    public async Task a_rebuild_equals_the_live_state_row_for_row_while_readers_keep_reading_and_writers_keep_writing()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(ids.Select(async (id, n) =>
        {
            await Store.StartStreamAsync<Tally>(id, EventMetadata.None, new TallyOpened(id, $"tally {n}"));
            for (var i = 1; i <= 25; i++)
                await Store.AppendAsync(id, i, EventMetadata.None, i % 10 == 0 ? new TallyRenamed(id, $"tally {n}.{i}") : new TallyIncremented(id, i));
        }));
        var daemon = await StartDaemonAsync([totals]);
        await CaughtUpAsync(daemon, totals.Name);
        (await RowsAsync()).ShouldBe(await ExpectedRowsAsync());

        using var stop = new CancellationTokenSource();
        var reads = ReadUntilAsync(stop.Token);
        var writes = Task.WhenAll(ids.Take(5).Select(async id =>
        {
            for (var i = 26; i <= 45; i++) await Store.AppendAsync(id, i, EventMetadata.None, new TallyIncremented(id, 1));
        }));

        var first = await daemon.RebuildAsync(totals.Name);
        await writes;
        var second = await daemon.RebuildAsync(totals.Name);
        await stop.CancelAsync();
        var (readCount, emptyReads) = await reads;

        emptyReads.ShouldBe(0);
        readCount.ShouldBeGreaterThan(0);
        first.Events.ShouldBeGreaterThanOrEqualTo(40 * 26);
        // A rebuild replays up to what no running transaction can still precede; other tests' transactions
        // may hold that back for a moment, and the daemon catches the rest up after the swap (checked below).
        second.Events.ShouldBeInRange(first.Events, 40 * 26 + 5 * 20);
        await CaughtUpAsync(daemon, totals.Name);
        (await RowsAsync()).ShouldBe(await ExpectedRowsAsync());
        (await StatusOf(daemon, totals.Name)).RebuiltAt.ShouldNotBeNull();
        (await TestDatabase.ScalarAsync<long>(
            "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname like '%rebuild%'", Schema))
            .ShouldBe(0);
    }

    /// <summary>Reads the live table in a loop; returns how many reads were made and how many saw it empty.</summary>
    async Task<(int Reads, int Empty)> ReadUntilAsync(CancellationToken stop)
    {
        var (reads, empty) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            if (await CountAsync(TallyTotalsProjection.Table) == 0) empty++;
            reads++;
        }
        return (reads, empty);
    }

    async Task<List<string>> RowsAsync()
    {
        var rows = await TestDatabase.ScalarAsync<string[]>(
            $"select array_agg(tally_id || '|' || name || '|' || total || '|' || events order by tally_id) from \"{Schema}\".tally_totals");
        return [.. rows];
    }

    /// <summary>The truth: each stream folded from its events.</summary>
    async Task<List<string>> ExpectedRowsAsync()
    {
        var all = await Store.ReadAllAsync(0, 100_000);
        return all.GroupBy(e => e.StreamId)
            .Select(g => (Id: g.Key, State: g.OrderBy(e => e.Version).Aggregate(Tally.Initial, (s, e) => Tally.Fold(s, e.Data))))
            .OrderBy(t => t.Id)
            .Select(t => $"{t.Id}|{t.State.Name}|{t.State.Total}|{t.State.Events}")
            .ToList();
    }
}

using Ledger.Artisans;
using Ledger.Commands;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

public sealed class CommandsRacingOnOneStream : DomainTest
{
    [Fact]
    public async Task writers_retried_by_wolverine_lose_nothing_and_leave_no_gap()
    {
        var artisan = await RegisterAsync(1);
        const int writers = 8, each = 5;

        var (won, lost) = await RaceAsync(writers, async w =>
        {
            for (var n = 0; n < each; n++)
                await Commands.RecordAsync(new RecordMonevVisit(artisan, Today, $"officer {w}", $"visit {n}", $"registrar:{w}", At));
        });

        lost.ShouldBeEmpty();
        won.ShouldBe(writers);
        var events = await StreamAsync(artisan);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 1 + writers * each).Select(v => (long)v));
        events.Skip(1).GroupBy(e => e.UserName).ShouldAllBe(g => g.Count() == each);
        (await StateAsync<Artisan>(artisan)).Visits.Count.ShouldBe(writers * each);
    }
}

using Ledger.Certifications;
using Ledger.Projections.Querying;
using Ledger.Projections.RegencyTotals;
using Ledger.Store;
using Ledger.Testing;
using Npgsql;
using Projections.Tests.Support;

namespace Projections.Tests.ReadModels;

/// <summary>The regency totals under a late commit: an issuance that took the lower sequence but commits after a later one.</summary>
public sealed class LateIssuances : ReadModelScenario
{
    const int GateKey = 626262;
    readonly HoldingIssuance holding = new();

    public LateIssuances() => Store.AddInlineProjection(holding);

    [Fact]
    public async Task an_issuance_that_commits_after_a_later_one_is_counted_once_and_the_totals_never_count_past_it()
    {
        var daemon = await StartDaemonAsync(ReadModels());
        var totals = new RegencyTotalsQuery(Store);
        await SignAsync(Tuban);
        var (_, slow) = await EnrollAsync(Tuban, "Siti Rahayu");
        var (_, fast) = await EnrollAsync(Tuban, "Sri Wahyuni");
        await AssessAsync(Tuban, slow, Competence.Competent);
        await AssessAsync(Tuban, fast, Competence.Competent);
        await CaughtUpAsync(daemon, "regency_totals");

        await using var gate = await TestDatabase.DataSource.OpenConnectionAsync();
        await using (var close = new NpgsqlCommand($"select pg_advisory_lock({GateKey})", gate)) await close.ExecuteNonQueryAsync();
        holding.Hold(slow);

        // Two LSPs, so the two issuances do not meet on one numbering stream.
        var slowIssue = Task.Run(() => Commands.HandleAsync(new IssueCertificate(slow, "BLK-SLOW", "LSPBATIK", Registrar, At)));
        await Eventually.HoldsAsync(async () => await TestDatabase.ScalarAsync<long>(
            "select count(*) from pg_locks where locktype = 'advisory' and not granted and objid = $1", (long)GateKey) > 0,
            "the slow issuance to wait at the gate with its events inserted");
        var fastIssue = await Commands.HandleAsync(new IssueCertificate(fast, "BLK-FAST", "LSPKRIYA", Registrar, At));

        // The later issuance is committed; the daemon must not count it while the earlier one is still open.
        for (var poll = 0; poll < 20; poll++)
        {
            (await totals.RegenciesAsync(new ReadModelFilter())).Items.ShouldBeEmpty();
            (await CountAsync(RegencyTotalsProjection.Certifications, "state <> 'enrolled'")).ShouldBe(0);
            await Task.Delay(50);
        }

        await using (var open = new NpgsqlCommand($"select pg_advisory_unlock({GateKey})", gate)) await open.ExecuteNonQueryAsync();
        var slowResult = await slowIssue;
        slowResult.Events.Min(e => e.Sequence).ShouldBeLessThan(fastIssue.Events.Min(e => e.Sequence));

        await CaughtUpAsync(daemon, "regency_totals");
        (await totals.RegenciesAsync(new ReadModelFilter())).Items
            .ShouldBe([new RegencyTotal(2026, "35.23", "Kabupaten Tuban", "35", "Jawa Timur", Scheme, 2, 2, 0)]);
        (await CountAsync(RegencyTotalsProjection.Certifications, "state = 'valid' and year = 2026")).ShouldBe(2);
    }

    /// <summary>An inline projection that holds one certification's issuance at a gate the test holds, after its events are inserted.</summary>
    sealed class HoldingIssuance : IInlineProjection
    {
        Guid held;

        public void Hold(Guid certificationId) => held = certificationId;

        public void Enqueue(IReadOnlyList<PendingEvent> events, InlineBatch batch)
        {
            if (events.Any(e => e.Data is CertificateIssued x && x.CertificationId == held)) batch.Add($"select pg_advisory_xact_lock({GateKey})");
        }
    }
}

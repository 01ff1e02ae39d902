using Ledger.Commands;
using Ledger.Testing;
using Xunit.Abstractions;

namespace Ledger.Tests.Integrity;

public sealed class VerifyingALargeLedger(ITestOutputHelper output) : IntegrityTest
{
    const int Streams = 2_000, EventsPerStream = 100;

    /// <summary>Records events straight through the hash chain trigger, a few hundred streams in one multi-row statement.</summary>
    async Task RecordAsync()
    {
        foreach (var batch in Enumerable.Range(0, Streams).Select(_ => Guid.NewGuid()).Chunk(250))
        {
            await Sql($"""
                insert into {"{s}"}.mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
                select id, 'tally', {EventsPerStream}, now(), now(), '*DEFAULT*', false from unnest($1::uuid[]) id
                """, batch);
            await Sql($$"""
                insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, user_name, is_archived)
                select nextval('{s}.mt_events_sequence'), gen_random_uuid(), s.id, v,
                       jsonb_build_object('tallyId', s.id, 'by', v, 'note', 'a tally of ' || v || ' pieces of batik tulis from Tuban'),
                       'tally_incremented', timestamptz '2026-03-02 01:00:00Z' + v * interval '1 second', '*DEFAULT*', 'Ledger.Testing.TallyIncremented',
                       '{"reason": "bulk"}', 'registrar:siti', false
                from unnest($1::uuid[]) s(id) cross join generate_series(1, {{EventsPerStream}}) v
                order by v, s.id
                """, batch);
        }
    }

    /// <summary>
    /// Prints the rate; it is not asserted, since it follows the machine's load (figures in docs/tamper-evidence.md).
    /// </summary>
    [Fact]
    public async Task a_ledger_of_200_000_events_in_2_000_streams_verifies_in_one_pass()
    {
        await RecordAsync();
        await CheckpointEverythingAsync();
        await Integrity.VerifyAsync(); // warms the connection, the plan and the JIT

        var report = await Integrity.VerifyAsync();

        output.WriteLine($"{report.EventsChecked:N0} events in {report.Elapsed.TotalSeconds:F2} s: {report.Rate:N0} events/s");
        report.Failures.ShouldBeEmpty();
        report.EventsChecked.ShouldBe(Streams * EventsPerStream);
        report.StreamsChecked.ShouldBe(Streams);
        report.SignedUpTo.ShouldBe(await HeadAsync());
    }
}

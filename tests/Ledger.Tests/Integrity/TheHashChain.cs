using Ledger.Integrity;
using Ledger.Marten;
using Ledger.Testing;
using Weasel.Core;

namespace Ledger.Tests.Integrity;

public sealed class TheHashChain : IntegrityTest
{
    readonly Guid tuban = Guid.NewGuid(), jombang = Guid.NewGuid();

    sealed record Stored(Guid Stream, long Version, string Type, string Data, string Metadata, long Micros, string Previous, string Hash, string Headers);

    async Task<List<Stored>> StoredAsync()
    {
        await using var command = TestDatabase.DataSource.CreateCommand($"""
            select e.stream_id, e.version, e.type, e.data::text, {CanonicalEncoding.MetadataSql("e")}, {CanonicalEncoding.MicrosSql("e")},
                   e.headers ->> 'prev_hash', e.headers ->> 'hash', e.headers::text
            from {Schema}.mt_events e order by e.seq_id
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Stored>();
        while (await reader.ReadAsync())
            rows.Add(new Stored(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5), reader.GetString(6), reader.GetString(7), reader.GetString(8)));
        return rows;
    }

    static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>Recomputes every stored event's hash from its fields with the documented encoding, in C#.</summary>
    static void ShouldChain(IReadOnlyList<Stored> rows)
    {
        foreach (var stream in rows.GroupBy(r => r.Stream))
        {
            var previous = CanonicalEncoding.Genesis;
            foreach (var e in stream.OrderBy(e => e.Version))
            {
                e.Previous.ShouldBe(Hex(previous), $"prev_hash of event {e.Version}");
                var hash = CanonicalEncoding.Chain(previous, CanonicalEncoding.ContentHash(e.Stream, e.Version, e.Type, e.Data, e.Metadata, e.Micros));
                e.Hash.ShouldBe(Hex(hash), $"hash of event {e.Version}");
                previous = hash;
            }
        }
    }

    [Fact]
    public async Task every_event_of_a_multi_event_append_chains_onto_the_one_before_it()
    {
        await AppendAsync(tuban, start: true, new TallyOpened(tuban, "Tuban"), new TallyIncremented(tuban, 1), new TallyIncremented(tuban, 2));
        Clock.Advance(TimeSpan.FromMinutes(3));
        await AppendAsync(tuban, start: false, new TallyRenamed(tuban, "Tuban – Siti Ṛahayu ‏عربى"), new TallyIncremented(tuban, 3));

        var rows = await StoredAsync();

        rows.Select(r => r.Version).ShouldBe([1, 2, 3, 4, 5]);
        rows[0].Previous.ShouldBe(new string('0', 64));
        rows.Select(r => r.Hash).ShouldBeUnique();
        ShouldChain(rows);
    }

    [Fact]
    public async Task streams_appended_in_one_session_each_keep_their_own_chain()
    {
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream(tuban, new TallyOpened(tuban, "Tuban"), new TallyIncremented(tuban, 1));
            session.Events.StartStream(jombang, new TallyOpened(jombang, "Jombang"));
            await session.SaveChangesAsync();
        }
        await using (var session = Store.LightweightSession())
        {
            session.Events.Append(jombang, new TallyIncremented(jombang, 5));
            session.Events.Append(tuban, new TallyIncremented(tuban, 2));
            await session.SaveChangesAsync();
        }

        var rows = await StoredAsync();

        rows.Count(r => r.Previous == new string('0', 64)).ShouldBe(2);
        ShouldChain(rows);
    }

    [Fact]
    public async Task the_metadata_and_headers_are_hashed_and_the_hashes_kept_beside_them()
    {
        await AppendAsync(tuban, start: true, new TallyOpened(tuban, "Tuban"));

        var stored = (await StoredAsync()).ShouldHaveSingleItem();

        stored.Metadata.ShouldBe("""{"headers": {"reason": "monthly tally"}, "user_name": "registrar:siti", "causation_id": "entry", "correlation_id": "corr-7"}""");
        stored.Headers.ShouldContain("\"reason\": \"monthly tally\"");
        await using var query = Store.QuerySession();
        var read = (await query.Events.FetchStreamAsync(tuban)).ShouldHaveSingleItem();
        stored.Micros.ShouldBe(CanonicalEncoding.ToMicros(read.Timestamp));
        read.GetHeader(CanonicalEncoding.HashHeader)?.ToString().ShouldBe(stored.Hash);
        read.GetHeader(LedgerStore.ReasonHeader)?.ToString().ShouldBe("monthly tally");
    }

    [Fact]
    public async Task an_event_without_headers_or_metadata_is_hashed_with_empty_ones()
    {
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream(tuban, new TallyOpened(tuban, "Tuban"));
            await session.SaveChangesAsync();
        }

        var stored = (await StoredAsync()).ShouldHaveSingleItem();

        stored.Metadata.ShouldBe("""{"headers": {}, "user_name": null, "causation_id": null, "correlation_id": null}""");
        ShouldChain([stored]);
    }

    [Fact]
    public async Task the_metadata_is_printed_exactly_as_jsonb_prints_it_whatever_the_characters()
    {
        const string awkward = "quote \" backslash \\ newline \n tab \t bell \u0007 é ṛ عربى 😀 </script>";
        await using (var session = Store.LightweightSession())
        {
            session.CorrelationId = awkward;
            session.LastModifiedBy = "registrar:" + awkward;
            session.SetHeader(LedgerStore.ReasonHeader, awkward);
            session.SetHeader("count", 3);
            session.Events.StartStream(tuban, new TallyOpened(tuban, awkward));
            await session.SaveChangesAsync();
        }

        var printed = await TestDatabase.ScalarAsync<bool>($"""
            select {CanonicalEncoding.MetadataSql("e")} = jsonb_build_object('correlation_id', e.correlation_id, 'causation_id', e.causation_id,
                'user_name', e.user_name, 'headers', e.headers - 'hash' - 'prev_hash')::text
            from {Schema}.mt_events e
            """);

        printed.ShouldBeTrue();
        ShouldChain(await StoredAsync());
    }

    async Task<string?> TriggerFunctionAsync() =>
        await TestDatabase.ScalarAsync<string?>("""
            select p.proname::text from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
            join pg_proc p on p.oid = t.tgfoid
            where n.nspname = $1 and c.relname = 'mt_events' and t.tgname = $2 and t.tgenabled <> 'D'
            """, Schema, HashChain.TriggerName);

    async Task<long> FunctionsNamedAsync(string name) =>
        await TestDatabase.ScalarAsync<long>("select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = $1 and p.proname = $2", Schema, name);

    [Fact]
    public async Task the_trigger_survives_the_migration_applied_twice_and_the_next_migration_finds_nothing_to_do()
    {
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        (await TriggerFunctionAsync()).ShouldBe("ledger_chain_event_v1");
        (await Store.Storage.CreateMigrationAsync()).Difference.ShouldBe(SchemaPatchDifference.None);
        using var another = CreateStore();
        await another.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        (await TriggerFunctionAsync()).ShouldBe("ledger_chain_event_v1");
    }

    [Fact]
    public async Task a_new_version_of_the_chain_function_takes_over_the_trigger_and_the_old_one_goes()
    {
        await AppendAsync(tuban, start: true, new TallyOpened(tuban, "Tuban"), new TallyIncremented(tuban, 1));
        using var upgraded = CreateStore(options => ((TamperEvidence)options.Storage.FindFeature(typeof(TamperEvidence))).HashChainVersion = 2);

        await upgraded.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        (await TriggerFunctionAsync()).ShouldBe("ledger_chain_event_v2");
        (await FunctionsNamedAsync("ledger_chain_event_v1")).ShouldBe(0);
        (await upgraded.Storage.CreateMigrationAsync()).Difference.ShouldBe(SchemaPatchDifference.None);
        await using (var session = upgraded.LightweightSession())
        {
            session.Events.Append(tuban, new TallyIncremented(tuban, 2));
            await session.SaveChangesAsync();
        }
        ShouldChain(await StoredAsync());
        (await new LedgerIntegrity(upgraded, Signer, Clock).VerifyAsync()).Failures.ShouldBeEmpty();
    }
}

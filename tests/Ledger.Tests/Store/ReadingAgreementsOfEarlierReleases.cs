using Ledger.Agreements;
using Ledger.Marten;
using Ledger.Testing;

namespace Ledger.Tests.Store;

/// <summary>
/// MoUs and PKSs recorded before partners had kinds hold a regency code and nothing of a partner: stored as they were,
/// under the same names, they read as regency partners named by the official list.
/// </summary>
public sealed class ReadingAgreementsOfEarlierReleases : LedgerStoreTest
{
    static readonly DateTimeOffset At = new(2024, 4, 2, 8, 0, 0, TimeSpan.FromHours(7));

    /// <summary>Appends <paramref name="event"/>, then removes the partner fields from its stored data, as an earlier release wrote it.</summary>
    async Task AppendInTheEarlierShapeAsync(Guid stream, object @event)
    {
        await using (var session = Store.LightweightSession())
        {
            session.Events.Append(stream, @event);
            await session.SaveChangesAsync();
        }
        await TestDatabase.ExecuteAsync($"alter table \"{Schema}\".mt_events disable trigger {ImmutableEvents.TriggerNames[0]}");
        await TestDatabase.ExecuteAsync(
            $"update \"{Schema}\".mt_events set data = data - 'partnerKind' - 'partnerName' - 'provinceCode' where stream_id = $1", stream);
        await TestDatabase.ExecuteAsync($"alter table \"{Schema}\".mt_events enable trigger {ImmutableEvents.TriggerNames[0]}");
    }

    [Fact]
    public async Task an_mou_and_a_pks_stored_with_a_regency_code_alone_read_as_a_regency_partner()
    {
        var mouId = Guid.NewGuid();
        var pksId = Guid.NewGuid();
        await AppendInTheEarlierShapeAsync(mouId, new MouSigned(mouId, "35.17", "BBSPJIKB Yogyakarta", "Bupati Jombang", "Kepala BBSPJIKB",
            new DateOnly(2022, 3, 1), new DateOnly(2025, 12, 31), At));
        await AppendInTheEarlierShapeAsync(pksId, new PksSigned(pksId, mouId, "35.17", "Dinas Perindustrian Jombang", "Kepala Dinas", "Kepala BBSPJIKB",
            new DateOnly(2022, 4, 1), new DateOnly(2024, 12, 31), ["PEMBATIK-TULIS"], 10, null, At));
        (await TestDatabase.ScalarAsync<string>($"select data::text from \"{Schema}\".mt_events where stream_id = $1", mouId)).ShouldNotContain("partner");
        (await TestDatabase.ScalarAsync<string>($"select type from \"{Schema}\".mt_events where stream_id = $1", mouId)).ShouldBe("mou_signed");

        await using var query = Store.QuerySession();
        var mou = (await query.ReadStateAsync<Mou>(mouId))!.State;
        var pks = (await query.ReadStateAsync<Pks>(pksId))!.State;

        var jombang = new Partner(PartnerKind.Regency, "Kabupaten Jombang", "35.17", "35");
        mou.Partner.ShouldBe(jombang);
        pks.Partner.ShouldBe(jombang);
        pks.RegencyCode.ShouldBe("35.17");
    }

    [Fact]
    public async Task a_partner_of_another_kind_is_stored_by_its_kinds_one_spelling()
    {
        var mouId = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            session.Events.Append(mouId, new MouSigned(mouId, null, "BBSPJIKB Yogyakarta", "Direktur Utama", "Kepala BBSPJIKB",
                new DateOnly(2024, 3, 1), new DateOnly(2026, 12, 31), At) { PartnerKind = PartnerKind.StateOwnedFirm, PartnerName = "PT Pertamina (Persero)" });
            await session.SaveChangesAsync();
        }

        (await TestDatabase.ScalarAsync<string>($"select data->>'partnerKind' from \"{Schema}\".mt_events where stream_id = $1", mouId)).ShouldBe("state-owned-firm");
        await using var query = Store.QuerySession();
        (await query.ReadStateAsync<Mou>(mouId))!.State.Partner.ShouldBe(new Partner(PartnerKind.StateOwnedFirm, "PT Pertamina (Persero)", null, null));
    }
}

using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Marten;
using Ledger.Testing;

namespace Ledger.Tests.Store;

public sealed class StoringEventsInMarten : LedgerStoreTest
{
    static readonly Guid NumberingId = CertificateNumbering.StreamIdFor("LSP-BTK", 2026);

    [Fact]
    public async Task every_event_is_stored_under_its_registered_name_with_its_metadata()
    {
        await using (var session = Store.LightweightSession())
        {
            session.CorrelationId = "request-1";
            session.CausationId = "command-1";
            session.LastModifiedBy = "registrar-7";
            session.SetHeader(LedgerStore.ReasonHeader, "first of the year");
            var numbering = await session.Events.FetchForWriting<CertificateNumbering>(NumberingId);
            numbering.AppendOne(new CertificateNumberAssigned(NumberingId, "LSP-BTK", 2026, 1, "BTK.2026.000001", Guid.NewGuid(), null, Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession();
        var stored = (await query.Events.FetchStreamAsync(NumberingId)).ShouldHaveSingleItem();
        stored.EventTypeName.ShouldBe("certificate_number_assigned");
        stored.CorrelationId.ShouldBe("request-1");
        stored.CausationId.ShouldBe("command-1");
        stored.UserName.ShouldBe("registrar-7");
        stored.GetHeader(LedgerStore.ReasonHeader)?.ToString().ShouldBe("first of the year");
        stored.Timestamp.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        (await query.Events.AggregateStreamAsync<CertificateNumbering>(NumberingId))!.LastSerial.ShouldBe(1);
    }

    [Fact]
    public void every_event_of_the_domain_has_one_stable_name()
    {
        LedgerEventNames.All.Select(e => e.Name).ShouldBeUnique();
        LedgerEventNames.All.Select(e => e.Type).ShouldBeUnique();
        LedgerEventNames.All.ShouldAllBe(e => e.Name == e.Name.ToLowerInvariant() && !e.Name.Contains(' '));
        using var store = CreateStore();
        var registry = (EventRegistry)store.Options.Events;
        foreach (var (type, name) in LedgerEventNames.All)
            registry.EventMappingFor(type).EventTypeName.ShouldBe(name);
    }
}

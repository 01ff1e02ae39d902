using Ledger.Commands;
using Ledger.Artisans;
using Ledger.Domain;
using JasperFx;
using Ledger.Marten;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

public sealed class CommandsGivenAgain : DomainTest
{
    RegisterArtisan Registration(Guid id, int n) =>
        new(id, "Siti Rahayu", NikOf(n), Gender.Female, 1985, Regency, "IKM Batik Gedog", Registrar, At);

    [Fact]
    public async Task a_command_given_again_under_its_idempotency_key_is_answered_with_what_it_recorded()
    {
        var id = Guid.NewGuid();
        var options = new CommandOptions(IdempotencyKey: "register-1");

        var first = await Commands.RecordAsync(Registration(id, 701), options);
        var again = await Commands.RecordAsync(Registration(id, 701), options);

        again.StreamId.ShouldBe(first.StreamId);
        again.Version.ShouldBe(first.Version);
        again.Events.Select(e => e.Sequence).ShouldBe(first.Events.Where(e => e.StreamId == id).Select(e => e.Sequence));
        (await StreamAsync(id)).Single().GetHeader(LedgerStore.IdempotencyKeyHeader)?.ToString().ShouldBe("register-1");
    }

    [Fact]
    public async Task given_again_with_the_version_it_first_expected_it_is_not_a_conflict_with_itself()
    {
        var id = Guid.NewGuid();
        await Commands.RecordAsync(Registration(id, 702));
        var aid = new RecordEquipmentAid(id, "kompor listrik", 1, PksId, Registrar, At);
        var options = new CommandOptions(ExpectedVersion: 1, IdempotencyKey: "aid-1");

        var first = await Commands.RecordAsync(aid, options);
        var again = await Commands.RecordAsync(aid, options);

        again.Version.ShouldBe(first.Version);
        (await StreamAsync(id)).Count.ShouldBe(2);
        await Should.ThrowAsync<ConcurrencyException>(() => Commands.RecordAsync(aid, options with { IdempotencyKey = "aid-2" }));
    }

    [Fact]
    public async Task the_same_key_from_another_actor_or_without_a_key_is_decided_again()
    {
        var id = Guid.NewGuid();
        await Commands.RecordAsync(Registration(id, 703), new CommandOptions(IdempotencyKey: "shared"));

        await Should.ThrowAsync<DomainException>(() =>
            Commands.RecordAsync(Registration(id, 703) with { Actor = "registrar:other" }, new CommandOptions(IdempotencyKey: "shared")));
        await Should.ThrowAsync<DomainException>(() => Commands.RecordAsync(Registration(id, 703)));
    }
}

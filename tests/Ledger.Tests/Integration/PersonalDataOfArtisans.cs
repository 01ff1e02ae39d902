using Ledger.Commands;
using Ledger.Artisans;
using Ledger.Domain;
using Ledger.Integrity;
using Ledger.Marten;
using Ledger.PersonalData;
using Ledger.Testing;
using static Ledger.Tests.Domain.Sample;

namespace Ledger.Tests.Integration;

public sealed class PersonalDataOfArtisans : DomainTest
{
    [Fact]
    public async Task neither_the_name_nor_the_nik_appears_in_clear_in_the_events()
    {
        var id = await RegisterAsync(7, "Siti Rahayu");

        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".mt_events where data::text like '%Siti%' or data::text like $1",
            $"%{NikOf(7)}%")).ShouldBe(0);
        var registered = (await StreamAsync(id)).Single().Data.ShouldBeOfType<ArtisanRegistered>();
        (await PersonalData.RevealAsync(id, registered.SealedName)).Value.ShouldBe("Siti Rahayu");
        (await PersonalData.RevealAsync(id, registered.SealedNik)).Value.ShouldBe(NikOf(7));
        registered.NikHash.ShouldBe(PersonalData.HashNik(NikOf(7)));
    }

    [Fact]
    public async Task an_erasure_request_destroys_the_key_with_it_and_the_chain_still_verifies()
    {
        var id = await RegisterAsync(9, "Sri Wahyuni");
        var erased = await Commands.RecordAsync(new ErasePersonalData(id, "request of the data subject, letter 12/2026", "agency:dinas-tuban", At));

        erased.Events.Single().EventTypeName.ShouldBe("personal_data_erased");
        (await StreamAsync(id))[^1].GetHeader(LedgerStore.ReasonHeader)?.ToString().ShouldBe("request of the data subject, letter 12/2026");
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".personal_data_keys where subject_id = $1", id)).ShouldBe(0);
        var registered = (await StreamAsync(id))[0].Data.ShouldBeOfType<ArtisanRegistered>();
        (await PersonalData.RevealAsync(id, registered.SealedName)).ShouldBe(Revealed.Erased);
        (await StateAsync<Artisan>(id)).Erased.ShouldBeTrue();

        using var signer = CheckpointSigner.Generate();
        (await new LedgerIntegrity(Store, signer, TimeProvider.System).VerifyAsync()).Failures.ShouldBeEmpty();

        (await Should.ThrowAsync<DomainException>(() => Commands.RecordAsync(new ErasePersonalData(id, "again", "agency:x", At))))
            .Message.ShouldContain("already been erased");
        (await Should.ThrowAsync<DomainException>(() => Commands.RecordAsync(
            new RegisterArtisan(Guid.NewGuid(), "Sri Wahyuni", NikOf(9), Gender.Female, 1985, Regency, "IKM", Registrar, At))))
            .Message.ShouldStartWith("An artisan with this NIK is already registered");
    }

    [Fact]
    public async Task an_erasure_needs_a_reason()
    {
        var id = await RegisterAsync(10);
        (await Should.ThrowAsync<DomainException>(() => Commands.RecordAsync(new ErasePersonalData(id, " ", "agency:x", At))))
            .Message.ShouldContain("reason");
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".personal_data_keys where subject_id = $1", id)).ShouldBe(1);
    }

    [Fact]
    public async Task of_8_concurrent_registrations_of_the_same_nik_one_wins()
    {
        var (won, lost) = await RaceAsync(8, i =>
            Commands.RecordAsync(new RegisterArtisan(Guid.NewGuid(), $"Siti {i}", NikOf(1), Gender.Female, 1985, Regency, "IKM", Registrar, At)));

        won.ShouldBe(1);
        lost.ShouldAllBe(e => e is DomainException && e.Message.StartsWith("An artisan with this NIK is already registered"));
        (await CountEventsAsync("artisan_registered")).ShouldBe(1);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{Schema}\".personal_data_keys")).ShouldBe(1);
    }

    [Fact]
    public async Task correcting_the_nik_to_another_artisans_nik_is_refused()
    {
        await RegisterAsync(1);
        var second = await RegisterAsync(2);

        (await Should.ThrowAsync<DomainException>(() => Commands.RecordAsync(
            new CorrectArtisanDetails(second, null, NikOf(1), null, null, null, null, "typo on the form", Registrar, At))))
            .Message.ShouldStartWith("An artisan with this NIK is already registered");

        var corrected = await Commands.RecordAsync(new CorrectArtisanDetails(second, "Sri Wahyuni", NikOf(3), null, null, null, null, "typo", Registrar, At));
        var e = corrected.Events.Single().Data.ShouldBeOfType<ArtisanDetailsCorrected>();
        (await PersonalData.RevealAsync(second, e.SealedName!)).Value.ShouldBe("Sri Wahyuni");
        (await StreamAsync(second))[^1].GetHeader(LedgerStore.ReasonHeader)?.ToString().ShouldBe("typo");
    }

    [Fact]
    public void names_are_masked_to_their_first_and_last_letters() =>
        PersonalDataProtector.Mask("Siti  Rahayu").ShouldBe("S***i R***u");
}

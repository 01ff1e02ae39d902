using Ledger.Integrity;
using Ledger.Testing;

namespace Ledger.Tests.Integrity;

public sealed class ProvingAStream : IntegrityTest
{
    readonly Guid tuban = Guid.NewGuid(), jombang = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AppendAsync(tuban, start: true, new TallyOpened(tuban, "Tuban – Siti Ṛahayu ‏عربى"), new TallyIncremented(tuban, 1));
        await AppendAsync(jombang, start: true, new TallyOpened(jombang, "Jombang"));
        await CheckpointEverythingAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        await AppendAsync(tuban, start: false, new TallyIncremented(tuban, 2), new TallyRenamed(tuban, "Tuban"));
        await AppendAsync(jombang, start: false, new TallyIncremented(jombang, 5));
        await CheckpointEverythingAsync();
    }

    [Fact]
    public async Task a_streams_proof_checks_out_with_the_public_key_alone()
    {
        var proof = await Integrity.ProveStreamAsync(tuban);

        proof.Events.Count.ShouldBe(4);
        proof.Events.ShouldAllBe(e => e.Inclusion != null);
        proof.Events.Select(e => e.Inclusion!.Checkpoint).Distinct().Count().ShouldBe(2);
        StreamProof.Check(proof, Signer.PublicKeyPem).ShouldBeEmpty();
    }

    [Fact]
    public async Task events_not_yet_under_a_checkpoint_are_proven_by_their_chain_alone()
    {
        await AppendAsync(tuban, start: false, new TallyIncremented(tuban, 3));

        var proof = await Integrity.ProveStreamAsync(tuban);

        proof.Events[^1].Inclusion.ShouldBeNull();
        StreamProof.Check(proof, Signer.PublicKeyPem).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_doctored_proof_or_another_key_fails_the_check()
    {
        var proof = await Integrity.ProveStreamAsync(tuban);
        var doctored = proof with { Events = [.. proof.Events.Select(e => e.Version == 2 ? e with { Data = e.Data.Replace("1", "9") } : e)] };
        var dropped = proof with { Events = [.. proof.Events.Where(e => e.Version != 2)] };
        using var other = CheckpointSigner.Generate();

        StreamProof.Check(doctored, Signer.PublicKeyPem).ShouldContain("event 2 does not match its hash");
        StreamProof.Check(dropped, Signer.PublicKeyPem).ShouldContain("version 2 is missing before version 3");
        StreamProof.Check(proof, other.PublicKeyPem).ShouldContain(p => p.Contains("is not signed by this key"));
    }

    [Fact]
    public async Task a_stream_with_no_events_has_an_empty_proof()
    {
        (await Integrity.ProveStreamAsync(Guid.NewGuid())).Events.ShouldBeEmpty();
    }
}

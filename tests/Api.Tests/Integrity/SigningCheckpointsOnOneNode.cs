using Ledger.Api.Integrity;
using Ledger.Artisans;
using Ledger.Commands;
using Ledger.Integrity;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime;

namespace Ledger.Api.Tests.Integrity;

/// <summary>
/// Two hosts over one ledger, each with a checkpoint key of its own (so a checkpoint tells which signed it), on a schedule
/// of every second: checkpoints are signed on one of them at a time.
/// </summary>
public sealed class SigningCheckpointsOnOneNode : IAsyncLifetime
{
    readonly string schema = TestDatabase.SchemaFor(typeof(SigningCheckpointsOnOneNode)) + "_" + Guid.NewGuid().ToString("N")[..6];
    readonly List<LedgerApiNode> nodes = [];
    int registered;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        await TestDatabase.DropSchemaAsync(schema);
    }

    Task<LedgerApiNode> NodeAsync()
    {
        var node = new LedgerApiNode(schema, new Dictionary<string, string> { [CheckpointSchedule.Setting] = "* * * * * *" });
        nodes.Add(node);
        return node.StartedAsync();
    }

    static bool RunsTheSchedule(LedgerApiNode node) =>
        node.RunningAgents.Any(uri => uri.Scheme == "wolverine-recurring-timer" && uri.AbsolutePath.Trim('/') == CheckpointSchedule.Name);

    async Task<IReadOnlyList<Checkpoint>> CheckpointsAsync() =>
        await nodes[0].Services.GetRequiredService<LedgerIntegrity>().ReadCheckpointsAsync();

    /// <summary>Registrars keep writing through <paramref name="node"/> until <paramref name="count"/> more checkpoints are signed.</summary>
    async Task WriteUntilSignedAsync(LedgerApiNode node, int count)
    {
        var target = (await CheckpointsAsync()).Count + count;
        await Eventually.HoldsAsync(async () =>
        {
            var n = Interlocked.Increment(ref registered);
            await new MessageBus(node.Wolverine).RecordAsync(new RegisterArtisan(Guid.NewGuid(), "Siti Rahayu", $"3523{n:D12}", Gender.Female, 1985,
                "35.23", "IKM Batik Gedog", "registrar:dewi", DateTimeOffset.UtcNow));
            await Task.Delay(200);
            return (await CheckpointsAsync()).Count >= target;
        }, $"{count} more checkpoints to be signed");
    }

    [Fact]
    public async Task two_hosts_sign_checkpoints_on_one_of_them_and_the_other_takes_over_when_it_stops()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        await Eventually.HoldsAsync(() => Task.FromResult(RunsTheSchedule(a) ^ RunsTheSchedule(b)), "one node to be given the checkpoint schedule");
        var (signer, other) = RunsTheSchedule(a) ? (a, b) : (b, a);

        await WriteUntilSignedAsync(other, 3);

        (await CheckpointsAsync()).Select(c => c.KeyId).Distinct().ShouldBe([signer.CheckpointKey.KeyId]);
        RunsTheSchedule(other).ShouldBeFalse();

        await signer.DisposeAsync();
        nodes.Remove(signer);
        await Eventually.HoldsAsync(() => Task.FromResult(RunsTheSchedule(other)), "the other node to be given the checkpoint schedule");
        var before = (await CheckpointsAsync()).Count;
        await WriteUntilSignedAsync(other, 2);

        (await CheckpointsAsync()).Skip(before).Select(c => c.KeyId).Distinct().ShouldBe([other.CheckpointKey.KeyId]);
    }
}

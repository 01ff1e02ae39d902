using JasperFx.CommandLine;
using Ledger.Api.Hosting;
using Ledger.Integrity;

namespace Ledger.Api.Verbs;

/// <summary><c>checkpoint</c>: signs a checkpoint over the events recorded since the last one, now.</summary>
[Description("Write a signed checkpoint now", Name = "checkpoint")]
public sealed class CheckpointVerb : LedgerVerb<NetCoreInput>
{
    protected override async Task<int> RunAsync(NetCoreInput input, IServiceProvider services)
    {
        await services.MigrateAsync();
        var checkpoint = await services.GetRequiredService<LedgerIntegrity>().WriteCheckpointAsync();
        Console.WriteLine(checkpoint is null
            ? "no event was recorded since the last checkpoint; nothing to sign"
            : $"checkpoint {checkpoint.Number} signed up to position {checkpoint.Position} ({checkpoint.EventCount} events) with key {checkpoint.KeyId}");
        return VerbExitCodes.Done;
    }
}

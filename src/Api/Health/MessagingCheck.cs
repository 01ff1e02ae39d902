using Npgsql;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Health;

/// <summary>
/// <c>messaging</c> in <c>/health/ready</c>: Wolverine on this node, which carries the commands, the scheduled expiries
/// and the checkpoint schedule. It shows the durability mode, this node's number, the agents the nodes' leader gave it
/// (the checkpoint schedule runs on one node at a time), and the envelopes in the message storage: incoming, scheduled
/// (the expiries waiting for their day) and dead letters (messages that failed every retry, for an operator to look at).
/// Failing when the message storage does not answer.
/// </summary>
public sealed class MessagingCheck(IWolverineRuntime runtime) : IReadinessCheck
{
    public string Name => "messaging";

    public async Task<CheckResult> CheckAsync(CancellationToken ct)
    {
        try
        {
            var counts = await runtime.Storage.Admin.FetchCountsAsync();
            return new CheckResult(CheckResult.Ok, new Dictionary<string, object?>
            {
                ["mode"] = runtime.Options.Durability.Mode.ToString(),
                ["node"] = runtime.Options.Durability.AssignedNodeNumber,
                ["agents"] = runtime.Agents.AllRunningAgentUris().Select(uri => uri.ToString()).Order(StringComparer.Ordinal).ToArray(),
                ["incoming"] = counts.Incoming,
                ["scheduled"] = counts.Scheduled,
                ["deadLetters"] = counts.DeadLetter,
            });
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return new CheckResult(CheckResult.Failing, new Dictionary<string, object?> { ["error"] = "the message storage does not answer" });
        }
    }
}

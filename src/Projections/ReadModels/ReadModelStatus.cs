using JasperFx;
using JasperFx.Events.Daemon;
using Ledger.Marten;

namespace Ledger.Projections.ReadModels;

/// <summary>Where a read model's projection stands in the daemon.</summary>
public enum ReadModelState
{
    /// <summary>The daemon runs it (on this node, or on the node that leads).</summary>
    Running,

    /// <summary>It met an event it cannot apply and, told to stop on error, stopped before it.</summary>
    StoppedOnError,

    /// <summary>Stopped on purpose, or not started by any daemon yet.</summary>
    Stopped,
}

/// <summary>One read model's progress: the last event sequence it reflects, its state, and the error that stopped it.</summary>
public sealed record ReadModelProgress(string Name, long Sequence, ReadModelState State, string? Error);

/// <summary>
/// What <c>/health/ready</c> needs: Marten's high-water mark (the sequence below which every event is committed or
/// known to be a gap) and each read model's progress; a read model is behind by <c>HighWaterMark - Sequence</c>.
/// </summary>
public sealed record ReadSideStatus(long HighWaterMark, IReadOnlyList<ReadModelProgress> ReadModels)
{
    public bool AllRunning => ReadModels.All(r => r.State == ReadModelState.Running);
}

/// <summary>
/// Reads the read side's status from <c>mt_event_progression</c>, where Marten records every shard's progress and
/// (with extended progression tracking) its agent's status and failure, so any node can answer it. Given the
/// local daemon (<c>IProjectionCoordinator.DaemonForMainDatabase()</c>), that daemon's own view of the shards it runs wins.
/// </summary>
public sealed class ReadModelStatusQuery(LedgerDatabase database)
{
    public async Task<ReadSideStatus> ReadAsync(IProjectionDaemon? daemon = null, CancellationToken ct = default)
    {
        var rows = new Dictionary<string, (long Sequence, string? Status, string? Reason)>(StringComparer.Ordinal);
        await using (var command = database.DataSource.CreateCommand(
            $"select name, coalesce(last_seq_id, 0), agent_status, coalesce(pause_reason, failure_category) from {database.Quoted}.mt_event_progression"))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                rows[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));

        var highWater = rows.TryGetValue("HighWaterMark", out var mark) ? mark.Sequence : 0;
        var readModels = LedgerReadModels.Names.Select(name =>
        {
            var shard = ReadModelRebuild.ShardOf(name);
            var (sequence, status, reason) = rows.GetValueOrDefault(shard);
            var local = daemon?.CurrentAgents().FirstOrDefault(a => a.Name.Identity == shard);
            var state = local is not null ? StateOf(local.Status) : StateOf(status);
            var error = state == ReadModelState.StoppedOnError ? local?.Failure?.ToString() ?? reason : null;
            return new ReadModelProgress(name, local?.Position ?? sequence, state, error);
        }).ToList();
        return new ReadSideStatus(highWater, readModels);
    }

    static ReadModelState StateOf(AgentStatus status) => status switch
    {
        AgentStatus.Running => ReadModelState.Running,
        AgentStatus.Paused => ReadModelState.StoppedOnError,
        _ => ReadModelState.Stopped,
    };

    static ReadModelState StateOf(string? status) =>
        Enum.TryParse<AgentStatus>(status, ignoreCase: true, out var parsed) ? StateOf(parsed) : ReadModelState.Stopped;
}

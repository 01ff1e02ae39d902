using Ledger.Store;

namespace Ledger.Projections.Daemon;

/// <summary>
/// How far one async projection has come: its checkpoint, the head of the log, the time since it last
/// advanced, whether this node leads it, and what it is doing.
/// </summary>
/// <param name="Checkpoint">The log position its read model reflects.</param>
/// <param name="Head">The highest global sequence in the log.</param>
/// <param name="LastAdvancedAt">When its checkpoint last moved (by the database clock).</param>
/// <param name="SinceLastAdvanced">How long ago that was.</param>
/// <param name="IsLeader">Whether this node runs it now.</param>
/// <param name="State">One of <see cref="ProjectionStates"/>.</param>
/// <param name="Error">The last error this node met running it, if any.</param>
public sealed record ProjectionStatus(
    string Name,
    LogPosition Checkpoint,
    long Head,
    long EventsApplied,
    long DeadLetters,
    DateTimeOffset LastAdvancedAt,
    TimeSpan SinceLastAdvanced,
    DateTimeOffset? RebuiltAt,
    bool IsLeader,
    string State,
    string? Error);

/// <summary>What a projection's runner on this node is doing.</summary>
public static class ProjectionStates
{
    public const string NotStarted = "not started";
    public const string Standby = "standby";
    public const string Leading = "leading";
    public const string Retrying = "retrying";
    public const string StoppedOnError = "stopped on error";
    public const string Stopped = "stopped";
}

/// <summary>The outcome of a rebuild: how many events were replayed and the position the swapped-in tables reflect.</summary>
public sealed record RebuildResult(string Name, long Events, LogPosition Position, TimeSpan Elapsed);

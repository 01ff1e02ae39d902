namespace Ledger.Projections.Daemon;

/// <summary>How the daemon reads, waits, elects a leader and treats failing events.</summary>
public sealed class ProjectionDaemonOptions
{
    /// <summary>Events applied per transaction while following the log.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Events applied per transaction while a rebuild replays the log.</summary>
    public int RebuildBatchSize { get; set; } = 5000;

    /// <summary>How long a caught-up projection waits before looking for new events.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a node that does not lead a projection tries to take it over.</summary>
    public TimeSpan LeadershipRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>False (the default): a failing event goes to <c>projection_dead_letters</c> and the projection goes on. True: the projection stops there.</summary>
    public bool StopOnError { get; set; }
}

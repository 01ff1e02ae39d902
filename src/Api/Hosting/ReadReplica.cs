using Ledger.Marten;

namespace Ledger.Api.Hosting;

/// <summary>
/// Where verification and analytics reads go: a streaming replica when <c>ConnectionStrings:LedgerReplica</c>
/// (or <c>LEDGER_DB_REPLICA</c>) is set, the primary otherwise. Writes always go to the primary. A replica
/// answers a few milliseconds behind the primary (its lag is shown in <c>/health/ready</c>), so with one
/// configured, a revocation reaches the public lookup as soon as the replica has replayed it.
/// </summary>
public sealed class ReadReplica(LedgerDatabase reads, bool isReplica) : IAsyncDisposable
{
    /// <summary>The database to read read models from (never to append to).</summary>
    public LedgerDatabase Reads { get; } = reads;

    public bool IsReplica { get; } = isReplica;

    public static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("LedgerReplica") is { Length: > 0 } configured ? configured
        : configuration["LEDGER_DB_REPLICA"] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>
    /// The reads go through a data source of their own, multiplexed (see <see cref="LedgerDataSource.CreateForReads"/>):
    /// on the replica when one is configured, on the primary otherwise.
    /// </summary>
    public static ReadReplica Create(IConfiguration configuration, LedgerDatabase primary)
    {
        var replica = ConnectionString(configuration);
        var reads = LedgerDataSource.CreateForReads(replica ?? LedgerConfiguration.ConnectionString(configuration));
        return new ReadReplica(primary with { DataSource = reads }, isReplica: replica is not null);
    }

    public ValueTask DisposeAsync() => Reads.DataSource.DisposeAsync();
}

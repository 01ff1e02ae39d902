using System.Diagnostics;
using System.Runtime.CompilerServices;
using Marten;
using Marten.Services;

namespace Ledger.Api.Telemetry;

/// <summary>
/// Times every session that appends events, from its <c>SaveChangesAsync</c> to its commit, into
/// <c>ledger.append.duration</c>: what a command waits for once it has decided. A session that appends nothing, or
/// whose commit fails, is not recorded (a failed request shows in <c>ledger.http.errors</c>).
/// </summary>
public sealed class AppendLatency(LedgerMetrics metrics) : DocumentSessionListenerBase
{
    readonly ConditionalWeakTable<IDocumentSession, StrongBox<long>> started = new();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (metrics.AppendsMeasured && session.PendingChanges.Streams().Any())
            started.AddOrUpdate(session, new StrongBox<long>(Stopwatch.GetTimestamp()));
        return Task.CompletedTask;
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (started.TryGetValue(session, out var since))
        {
            started.Remove(session);
            metrics.AppendCommitted(Stopwatch.GetElapsedTime(since.Value), commit.GetEvents().Count());
        }
        return Task.CompletedTask;
    }
}

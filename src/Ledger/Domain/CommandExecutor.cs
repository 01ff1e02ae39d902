using JasperFx.Events;
using Ledger.Marten;
using Marten;
using Polly;
using Polly.Retry;

namespace Ledger.Domain;

/// <summary>
/// Carries a command out in one Marten session: fetch each stream it needs for writing, decide, append, and
/// save: the events, their metadata and the inline projections commit together or not at all. A conflict with
/// another writer is retried by reloading and deciding again, unless the caller asked for a specific version,
/// in which case the conflict is the answer. A command given again under the idempotency key it was committed
/// with is answered from what it recorded, without deciding again.
/// </summary>
public sealed class CommandExecutor
{
    readonly IDocumentStore store;
    readonly ResiliencePipeline conflicts;

    public CommandExecutor(IDocumentStore store, DomainOptions options)
    {
        this.store = store;
        conflicts = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(StreamConflicts.IsConflict),
                MaxRetryAttempts = Math.Max(1, options.ConflictRetries),
                Delay = options.ConflictRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    /// <summary>A command on one stream: <paramref name="decide"/> turns its current state into events.</summary>
    public Task<CommandResult> ExecuteAsync<T>(
        Guid streamId, ICommand command, string? reason, CommandOptions? options,
        Func<T, IReadOnlyList<object>> decide, CancellationToken ct)
        where T : class, IAggregate<T> =>
        ExecuteAsync(streamId, command, reason, options, async (unit, token) =>
        {
            var current = await unit.FetchAsync<T>(streamId, token).ConfigureAwait(false);
            unit.Append(current, decide(current.State));
        }, ct);

    /// <summary>
    /// A command that may read and write several streams: <paramref name="write"/> fetches what it needs
    /// through the unit and appends at the versions it fetched, so that a concurrent change to any of them
    /// makes the whole unit conflict and be decided again.
    /// </summary>
    public async Task<CommandResult> ExecuteAsync(
        Guid streamId, ICommand command, string? reason, CommandOptions? options,
        Func<WriteUnit, CancellationToken, Task> write, CancellationToken ct)
    {
        Rules.Actor(command);
        options ??= CommandOptions.Default;

        // A request given again under its idempotency key gets the result of its attempt that committed, if one did:
        // a retry after the host died before answering, or a retry of an append whose commit was unclear (the
        // connection broke after PostgreSQL committed it), which would otherwise conflict with itself.
        async ValueTask<CommandResult?> EarlierAsync(CancellationToken token)
        {
            if (options.IdempotencyKey is not { } key) return null;
            await using var query = store.QuerySession();
            var earlier = (await query.Events.FetchStreamAsync(streamId, token: token).ConfigureAwait(false))
                .Where(e => e.UserName == command.Actor && Equals(e.GetHeader(LedgerStore.IdempotencyKeyHeader)?.ToString(), key))
                .ToList();
            return earlier.Count > 0 ? new CommandResult(streamId, earlier[^1].Version, earlier) : null;
        }

        async ValueTask<CommandResult> Once(CancellationToken token)
        {
            if (await EarlierAsync(token).ConfigureAwait(false) is { } recorded) return recorded;
            try
            {
                await using var session = store.LightweightSession();
                session.LastModifiedBy = command.Actor;
                session.CorrelationId = options.CorrelationId;
                session.CausationId = options.CausationId;
                if (reason is not null) session.SetHeader(LedgerStore.ReasonHeader, reason);
                if (options.IdempotencyKey is { } key) session.SetHeader(LedgerStore.IdempotencyKeyHeader, key);

                var unit = new WriteUnit(session, streamId, options.ExpectedVersion);
                await write(unit, token).ConfigureAwait(false);
                await session.SaveChangesAsync(token).ConfigureAwait(false);
                return unit.Result();
            }
            catch (Exception e) when (options.IdempotencyKey is not null && StreamConflicts.IsConflict(e))
            {
                if (await EarlierAsync(token).ConfigureAwait(false) is { } committed) return committed;
                throw;
            }
        }

        return options.ExpectedVersion is null
            ? await conflicts.ExecuteAsync(Once, ct).ConfigureAwait(false)
            : await Once(ct).ConfigureAwait(false);
    }
}

/// <summary>
/// One attempt at a command: the streams it fetched for writing in its Marten session, and what it appends to
/// them. Each stream is appended at the version it was fetched at, which Marten checks when the session saves.
/// </summary>
public sealed class WriteUnit(IDocumentSession session, Guid primaryStreamId, long? expectedVersion)
{
    readonly Dictionary<Guid, IEventStream<object>> streams = [];

    /// <summary>The session the command's events and side statements (personal data keys) commit in.</summary>
    public IDocumentSession Session { get; } = session;

    /// <summary>
    /// The state of a stream to decide on. For the command's own stream, a version the caller expects (the one it
    /// saw, its If-Match) is checked at once, before any rule is judged on stale state, and again on saving.
    /// </summary>
    public async Task<StreamState<T>> FetchAsync<T>(Guid streamId, CancellationToken ct) where T : class, IAggregate<T>
    {
        // No stream can have the empty id: it is decided on as a stream that does not exist, which the rules refuse.
        if (streamId == Guid.Empty) return new StreamState<T>(streamId, T.Initial, 0);
        var stream = streamId == primaryStreamId && expectedVersion is { } expected
            ? await Session.Events.FetchForWriting<T>(streamId, expected, ct).ConfigureAwait(false)
            : await Session.Events.FetchForWriting<T>(streamId, ct).ConfigureAwait(false);
        streams[streamId] = stream;
        return new StreamState<T>(streamId, stream.Aggregate ?? T.Initial, stream.StartingVersion ?? 0);
    }

    /// <summary>Appends <paramref name="events"/> to the stream at the version it was fetched at (nothing when there are none).</summary>
    public void Append<T>(StreamState<T> state, IReadOnlyList<object> events) where T : class, IAggregate<T>
    {
        if (events.Count == 0) return;
        if (!streams.TryGetValue(state.StreamId, out var stream)) throw new DomainException("A record needs an id; the empty id is none.");
        stream.AppendMany(events);
    }

    /// <summary>What the unit recorded once saved: the command's stream, its new version, and every event appended.</summary>
    internal CommandResult Result() => new(
        primaryStreamId,
        streams.TryGetValue(primaryStreamId, out var primary) ? primary.CurrentVersion ?? 0 : 0,
        [.. streams.Values.SelectMany(s => s.Events)]);
}

using Ledger.Store;
using Polly;
using Polly.Retry;

namespace Ledger.Domain;

/// <summary>
/// Carries a command out: fetch for writing, decide, append with the command's metadata, in one unit of
/// work. A conflict with another writer is retried by reloading and deciding again, unless the caller
/// asked for a specific version, in which case the conflict is the answer. A command given again under
/// the idempotency key it was committed with is answered from what it recorded, without deciding again.
/// </summary>
public sealed class CommandExecutor
{
    readonly EventStore store;
    readonly ResiliencePipeline conflicts;

    public CommandExecutor(EventStore store, DomainOptions options)
    {
        this.store = store;
        conflicts = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ConcurrencyException>(),
                MaxRetryAttempts = Math.Max(1, options.ConflictRetries),
                Delay = options.ConflictRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    public EventStore Store => store;

    /// <summary>A command on one stream: <paramref name="decide"/> turns its current state into events.</summary>
    public Task<CommandResult> ExecuteAsync<T>(
        Guid streamId, ICommand command, string? reason, CommandOptions? options,
        Func<T, IReadOnlyList<object>> decide, CancellationToken ct)
        where T : IAggregate<T> =>
        ExecuteAsync(streamId, command, reason, options, async (unit, token) =>
        {
            var current = await unit.FetchAsync<T>(streamId, token).ConfigureAwait(false);
            unit.Append<T>(current, decide(current.State));
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
        var metadata = new EventMetadata(command.Actor, reason, options.CorrelationId, options.CausationId, options.IdempotencyKey);

        // A request given again under its idempotency key gets the result of its attempt that committed, if one did:
        // a retry after the host died before answering, or a retry of an append whose commit was unclear (the
        // connection broke after PostgreSQL committed it), which would otherwise conflict with itself.
        async ValueTask<CommandResult?> EarlierAsync(CancellationToken token)
        {
            if (options.IdempotencyKey is not { } key) return null;
            var earlier = await store.FetchRecordedUnderAsync(streamId, command.Actor, key, token).ConfigureAwait(false);
            return earlier.Count > 0 ? new CommandResult(streamId, earlier[^1].Version, earlier) : null;
        }

        async ValueTask<CommandResult> Once(CancellationToken token)
        {
            if (await EarlierAsync(token).ConfigureAwait(false) is { } recorded) return recorded;
            try
            {
                var unit = new WriteUnit(store, store.OpenSession(metadata), streamId, options.ExpectedVersion);
                await write(unit, token).ConfigureAwait(false);
                var result = await unit.Session.SaveChangesAsync(token).ConfigureAwait(false);
                return new CommandResult(streamId, result.VersionOf(streamId), result.Events);
            }
            catch (ConcurrencyException) when (options.IdempotencyKey is not null)
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

/// <summary>One attempt at a command: the streams it read and the session it appends to.</summary>
public sealed class WriteUnit(EventStore store, EventSession session, Guid primaryStreamId, long? expectedVersion)
{
    public EventSession Session { get; } = session;

    public EventStore Store { get; } = store;

    /// <summary>
    /// The state of a stream to decide on. For the command's own stream, a version the caller expects that
    /// differs from the stored one is a conflict at once, before any rule is judged on stale state.
    /// </summary>
    public async Task<StreamState<T>> FetchAsync<T>(Guid streamId, CancellationToken ct) where T : IAggregate<T>
    {
        var current = await Store.FetchForWritingAsync<T>(streamId, ct).ConfigureAwait(false);
        if (streamId == primaryStreamId && expectedVersion is { } expected && expected != ExpectedVersion.Any && expected != current.Version)
            throw new ConcurrencyException(streamId, expected, current.Version);
        return current;
    }

    /// <summary>Appends <paramref name="events"/> to the stream at the version it was fetched at (nothing when there are none).</summary>
    public void Append<T>(StreamState<T> fetched, IReadOnlyList<object> events) where T : IAggregate<T>
    {
        if (events.Count == 0) return;
        Session.Append<T>(fetched.StreamId, fetched.Version, [.. events]);
    }
}

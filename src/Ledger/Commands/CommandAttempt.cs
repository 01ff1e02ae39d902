using JasperFx;
using JasperFx.Events;
using Ledger.Domain;
using Ledger.Marten;
using Marten;

namespace Ledger.Commands;

/// <summary>
/// One attempt at a command, in the Marten session Wolverine opened for it and commits after the handler returns:
/// the streams the handler decides on, what it appends to them, and the request's metadata (the version the caller
/// expects, its idempotency key). Each stream is appended at the version it was fetched at, which Marten checks on
/// committing; a lost race is retried by Wolverine as a fresh attempt (<see cref="LedgerMessaging"/>).
/// </summary>
public sealed class CommandAttempt(IDocumentSession session, ICommand command, long? expectedVersion, string? idempotencyKey, string? request)
{
    readonly Dictionary<Guid, IEventStream<object>> appendable = [];
    readonly List<IEvent> appended = [];
    Guid? primary;

    /// <summary>The session the command's events and side statements (personal data keys) commit in.</summary>
    public IDocumentSession Session { get; } = session;

    /// <summary>
    /// What the command recorded before under the caller's idempotency key on <paramref name="streamId"/>, if it
    /// did: a retry after the host died before answering, or of an attempt whose commit was unclear, gets the first
    /// result without deciding again.
    /// </summary>
    public async Task<CommandResult?> EarlierAsync(Guid streamId, CancellationToken ct)
    {
        if (idempotencyKey is not { } key) return null;
        var earlier = (await Session.Events.FetchStreamAsync(streamId, token: ct).ConfigureAwait(false))
            .Where(e => e.UserName == command.Actor && Equals(e.GetHeader(LedgerStore.IdempotencyKeyHeader)?.ToString(), key))
            .ToList();
        if (earlier.Count == 0) return null;
        if (!Equals(earlier[^1].GetHeader(LedgerStore.IdempotentRequestHeader)?.ToString(), request))
            throw new IdempotencyKeyReusedException();
        return new CommandResult(streamId, earlier[^1].Version, earlier, Replayed: true);
    }

    /// <summary>
    /// The command's own stream, loaded by Wolverine's aggregate handler workflow. A version the caller expects (the
    /// one it saw, its If-Match) is checked here, before any rule is judged on stale state, and again on committing.
    /// </summary>
    public StreamState<T> Decide<T>(IEventStream<T> stream) where T : class, IAggregate<T>
    {
        var version = stream.StartingVersion ?? 0;
        if (expectedVersion is { } expected && expected != version)
            throw new StaleVersionException(stream.Id, expected, version);
        primary = stream.Id;
        appendable[stream.Id] = (IEventStream<object>)stream;
        return new StreamState<T>(stream.Id, stream.Aggregate ?? T.Initial, version);
    }

    /// <summary>Another stream the command reads or appends to, fetched for writing in the same session.</summary>
    public async Task<StreamState<T>> FetchAsync<T>(Guid streamId, CancellationToken ct) where T : class, IAggregate<T>
    {
        // No stream can have the empty id: it is decided on as a stream that does not exist, which the rules refuse.
        if (streamId == Guid.Empty) return new StreamState<T>(streamId, T.Initial, 0);
        var stream = await Session.Events.FetchForWriting<T>(streamId, ct).ConfigureAwait(false);
        appendable[streamId] = (IEventStream<object>)stream;
        return new StreamState<T>(streamId, stream.Aggregate ?? T.Initial, stream.StartingVersion ?? 0);
    }

    /// <summary>Appends <paramref name="events"/> to a stream at the version it was fetched at (nothing when there are none).</summary>
    public void Append<T>(StreamState<T> state, IReadOnlyList<object> events) where T : class, IAggregate<T>
    {
        if (events.Count == 0) return;
        if (!appendable.TryGetValue(state.StreamId, out var stream)) throw new DomainException("A record needs an id; the empty id is none.");
        var before = stream.Events.Count;
        stream.AppendMany(events);
        appended.AddRange(stream.Events.Skip(before));
    }

    /// <summary>What the attempt records once committed: the command's stream, its new version, and every event appended.</summary>
    public CommandResult Result()
    {
        var id = primary ?? throw new InvalidOperationException("A command's handler decides on its own stream before it answers.");
        var version = appendable[id].CurrentVersion ?? 0;
        return new CommandResult(id, version, [.. appended]);
    }

    /// <summary>A command on one stream: <paramref name="decide"/> turns its current state into events.</summary>
    public async Task<CommandResult> DecideAsync<T>(IEventStream<T> stream, Func<T, IReadOnlyList<object>> decide, CancellationToken ct)
        where T : class, IAggregate<T>
    {
        if (await EarlierAsync(stream.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = Decide(stream);
        Append(state, decide(state.State));
        return Result();
    }
}

/// <summary>An idempotency key given again with another request: a new request needs a new key (422, nothing recorded).</summary>
public sealed class IdempotencyKeyReusedException()
    : DomainException("This Idempotency-Key was already used for a different request; use a new key for a new request.");

/// <summary>
/// The caller's If-Match named a version the stream has moved past. A <see cref="ConcurrencyException"/>, so it is
/// answered as a lost race (412 over HTTP), but never retried: deciding again cannot make the caller's version current.
/// </summary>
public sealed class StaleVersionException(Guid streamId, long expected, long actual)
    : ConcurrencyException($"The command was conditional on version {expected} of stream {streamId}, but it is at version {actual}.", null, streamId)
{
    public long Expected { get; } = expected;

    public long Actual { get; } = actual;
}

using JasperFx.Events;

namespace Ledger.Domain;

/// <summary>Every command says who gives it and the moment it acts at (taken from a <see cref="TimeProvider"/> at the edge).</summary>
public interface ICommand
{
    /// <summary>The stream the command is decided on and answers for (its version is the answer's).</summary>
    Guid StreamId { get; }

    string Actor { get; }

    DateTimeOffset At { get; }
}

/// <summary>
/// How a command is carried out: <see cref="ExpectedVersion"/> makes it conditional on the stream's version
/// (no retry: a mismatch is Marten's <c>ConcurrencyException</c>); without it, a conflict with another writer
/// is retried by reloading and deciding again, a bounded number of times. With <see cref="IdempotencyKey"/>,
/// a command its actor already had committed under that key on the stream is not decided again: the result
/// is what the first attempt recorded.
/// </summary>
public sealed record CommandOptions(long? ExpectedVersion = null, string? CorrelationId = null, string? CausationId = null, string? IdempotencyKey = null)
{
    public static readonly CommandOptions Default = new();
}

/// <summary>
/// What a command recorded: the stream it addressed, that stream's new version, and all events written; replayed when
/// the command had been given before under its idempotency key and this is what that first attempt recorded.
/// </summary>
public sealed record CommandResult(Guid StreamId, long Version, IReadOnlyList<IEvent> Events, bool Replayed = false);

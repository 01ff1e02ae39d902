using JasperFx;

namespace Ledger.Marten;

/// <summary>
/// What Marten throws when two writers race for one stream: a stale version on fetching or appending
/// (<see cref="ConcurrencyException"/>, <c>EventStreamUnexpectedMaxEventIdException</c> among them), or a new stream
/// that another writer created first. The command executor decides again on either; the API answers 409 (412 when
/// the client's If-Match named the stale version).
/// </summary>
public static class StreamConflicts
{
    public static bool IsConflict(Exception e) =>
        e is ConcurrencyException or global::Marten.Exceptions.ExistingStreamIdCollisionException;

    /// <summary>The stream the writer lost on, when Marten names it.</summary>
    public static Guid? StreamOf(Exception e) => e switch
    {
        ConcurrencyException { Id: Guid id } => id,
        global::Marten.Exceptions.ExistingStreamIdCollisionException { Id: Guid id } => id,
        _ => null,
    };
}

using Npgsql;

namespace Ledger.Marten;

/// <summary>
/// An exception and the exceptions it wraps, outermost first. Marten wraps PostgreSQL's errors (in its own
/// exceptions, or in an <see cref="ObjectDisposedException"/> when the server ended the session), so whoever needs
/// the database's own answer looks through the chain.
/// </summary>
public static class ExceptionChains
{
    public static IEnumerable<Exception> SelfAndInner(this Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>
    /// Whether the database could not be reached or ended the session: a transient Npgsql error or a timeout anywhere in
    /// the chain (Marten wraps some, e.g. a commit on a pooled connection the server terminated).
    /// </summary>
    public static bool MeansDatabaseUnreachable(this Exception exception) =>
        exception.SelfAndInner().Any(e => e is NpgsqlException { IsTransient: true } or TimeoutException
            or PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow });
}

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
}

namespace Ledger.Soak;

/// <summary>What the soak saw, counted across its writers.</summary>
public sealed class Counters
{
    long resolvedByDomain;

    /// <summary>Retries whose first attempt had committed unanswered, refused as duplicates by the domain.</summary>
    public long ResolvedByDomainCount => Interlocked.Read(ref resolvedByDomain);

    public void ResolvedByDomain() => Interlocked.Increment(ref resolvedByDomain);

    long requests, acknowledged, unavailable, unavailableWithoutRetryAfter, serverErrors, hangs, refusedConnections, retried;

    public long Requests => Interlocked.Read(ref requests);
    public long Acknowledged => Interlocked.Read(ref acknowledged);
    public long Unavailable => Interlocked.Read(ref unavailable);
    public long UnavailableWithoutRetryAfter => Interlocked.Read(ref unavailableWithoutRetryAfter);
    public long ServerErrors => Interlocked.Read(ref serverErrors);
    public long Hangs => Interlocked.Read(ref hangs);
    public long RefusedConnections => Interlocked.Read(ref refusedConnections);
    public long Retried => Interlocked.Read(ref retried);

    public readonly System.Collections.Concurrent.ConcurrentBag<string> ServerErrorSamples = [];

    public void Request() => Interlocked.Increment(ref requests);
    public void Acknowledge() => Interlocked.Increment(ref acknowledged);
    public void Retry() => Interlocked.Increment(ref retried);
    public void Hang() => Interlocked.Increment(ref hangs);
    public void Refused() => Interlocked.Increment(ref refusedConnections);

    public void Unavailable503(bool hasRetryAfter)
    {
        Interlocked.Increment(ref unavailable);
        if (!hasRetryAfter) Interlocked.Increment(ref unavailableWithoutRetryAfter);
    }

    public void ServerError(string sample)
    {
        Interlocked.Increment(ref serverErrors);
        if (ServerErrorSamples.Count < 10) ServerErrorSamples.Add(sample);
    }
}

namespace Ledger.Integrity;

/// <summary>The failures a verification found: every one counted, the first <see cref="Limit"/> kept.</summary>
sealed class FailureLog(int limit)
{
    readonly List<IntegrityFailure> listed = [];

    public int Limit => limit;

    public IReadOnlyList<IntegrityFailure> Listed => listed;

    public long Count { get; private set; }

    public void Add(IntegrityFailure failure)
    {
        if (listed.Count < limit) listed.Add(failure);
        Count++;
    }
}

namespace Ledger.Api.Verbs;

/// <summary>Reports on the calling thread, so that a verb's progress lines come out in order.</summary>
public sealed class LineProgress(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}

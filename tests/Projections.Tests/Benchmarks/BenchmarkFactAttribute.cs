namespace Projections.Tests.Benchmarks;

/// <summary>A benchmark: it runs only when <c>LEDGER_BENCH=1</c>, and reports figures instead of asserting on time.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LEDGER_BENCH") != "1")
            Skip = "A benchmark: run with LEDGER_BENCH=1.";
        Timeout = 0;
    }
}

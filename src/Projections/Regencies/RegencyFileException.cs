namespace Ledger.Projections.Regencies;

/// <summary>A regency list that cannot be imported, naming the line and what is wrong with it.</summary>
public sealed class RegencyFileException(int line, string problem)
    : Exception($"Line {line} of the regency list: {problem}")
{
    public int Line { get; } = line;
}

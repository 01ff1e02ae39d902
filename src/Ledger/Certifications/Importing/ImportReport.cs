using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Certifications;

/// <summary>What became of one row of a paper register.</summary>
[JsonConverter(typeof(StatusWords<ImportOutcome>))]
public enum ImportOutcome
{
    /// <summary>The row's whole certification was recorded.</summary>
    Recorded,
    /// <summary>The ledger already held the row's certification (an import of the same file again): nothing was recorded.</summary>
    AlreadyPresent,
    /// <summary>A rule refused the row, or it could not be read: nothing of it was recorded.</summary>
    Refused,
}

/// <summary>One row's outcome: its line in the file, the certification and certificate number it recorded or found, or the reason it was refused.</summary>
public sealed record ImportedLine(int Line, ImportOutcome Outcome, Guid? CertificationId, string? CertificateNumber, string? Reason)
{
    /// <summary>The line as the verb prints it.</summary>
    public override string ToString() => Outcome switch
    {
        ImportOutcome.Recorded => $"line {Line}: recorded {CertificateNumber}",
        ImportOutcome.AlreadyPresent => $"line {Line}: already present as {CertificateNumber}",
        _ => $"line {Line}: refused: {Reason}",
    };
}

/// <summary>What an import did: every row's outcome in the order of the file, and the counts.</summary>
public sealed record ImportReport(IReadOnlyList<ImportedLine> Lines)
{
    public int Recorded => Lines.Count(l => l.Outcome == ImportOutcome.Recorded);

    public int AlreadyPresent => Lines.Count(l => l.Outcome == ImportOutcome.AlreadyPresent);

    public int Refused => Lines.Count(l => l.Outcome == ImportOutcome.Refused);

    /// <summary>"N recorded, M already present, K refused".</summary>
    public string Summary => $"{Recorded} recorded, {AlreadyPresent} already present, {Refused} refused";
}

/// <summary>Who imports, when, and what: the registrar (the events' user), the moment the commands act at, and the file's name as recorded with its events.</summary>
public sealed record ImportSource(string Actor, DateTimeOffset At, string Name, string? CorrelationId = null);

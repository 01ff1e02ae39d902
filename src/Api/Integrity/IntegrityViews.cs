using Ledger.Integrity;

namespace Ledger.Api.Integrity;

/// <summary>
/// The result of a verification pass: intact up to a position (an <c>mt_events.seq_id</c>), or every event and
/// checkpoint that does not match (the first <see cref="LedgerIntegrity.MaxFailuresListed"/>, with the total).
/// </summary>
public sealed record IntegrityReportView(
    bool Intact,
    string Summary,
    long EventsChecked,
    long StreamsChecked,
    long CheckpointsChecked,
    long HighestPosition,
    long? SignedUpToPosition,
    IntegrityFailure? FirstFailure,
    long FailureCount,
    IReadOnlyList<IntegrityFailure> Failures,
    double EventsPerSecond)
{
    public static IntegrityReportView From(IntegrityReport report) =>
        new(report.Intact, report.Summary, report.EventsChecked, report.StreamsChecked, report.CheckpointsChecked, report.HighestPosition,
            report.SignedUpTo, report.FirstFailure, report.FailureCount, report.Failures, Math.Round(report.Rate));
}

/// <summary>A signed checkpoint as published: hex digests, base64 signature, and the exact statement signed.</summary>
/// <param name="Position">The highest <c>mt_events.seq_id</c> the checkpoint covers.</param>
public sealed record CheckpointView(
    long Number,
    long Position,
    long EventCount,
    string RangeRoot,
    string Previous,
    string Statement,
    string Signature,
    string KeyId,
    DateTimeOffset CreatedAt)
{
    public static CheckpointView From(Checkpoint c) =>
        new(c.Number, c.Position, c.EventCount, Hex(c.RangeRoot), Hex(c.Previous),
            System.Text.Encoding.UTF8.GetString(c.Statement()), Convert.ToBase64String(c.Signature), c.KeyId, c.CreatedAt);

    static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}

/// <summary>The checkpoint signing key's public half (PEM) and its id, for auditors outside.</summary>
public sealed record PublicKeyView(string KeyId, string Algorithm, string PublicKeyPem);

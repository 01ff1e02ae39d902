using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Store.Integrity;

/// <summary>
/// A signed statement that the committed log, up to <see cref="Position"/>, held exactly these events:
/// the Merkle root over the event hashes recorded since the previous checkpoint, chained to that checkpoint.
/// </summary>
public sealed record Checkpoint(
    long Number,
    LogPosition Position,
    long EventCount,
    byte[] RangeRoot,
    byte[] Previous,
    byte[] Signature,
    string KeyId,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The exact bytes signed: UTF-8 lines <c>batik-ledger checkpoint</c>, <c>number N</c>,
    /// <c>position TX:SEQ</c>, <c>events N</c> (in this checkpoint's range), <c>range-root HEX</c>,
    /// <c>previous HEX</c> (SHA-256 of the previous checkpoint's statement, zeros for the first).
    /// </summary>
    public byte[] Statement() => StatementOf(Number, Position, EventCount, RangeRoot, Previous);

    public static byte[] StatementOf(long number, LogPosition position, long eventCount, byte[] rangeRoot, byte[] previous) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"batik-ledger checkpoint\nnumber {number}\nposition {position.TransactionId}:{position.Sequence}\nevents {eventCount}\n" +
            $"range-root {Convert.ToHexString(rangeRoot).ToLowerInvariant()}\nprevious {Convert.ToHexString(previous).ToLowerInvariant()}"));

    /// <summary>What the next checkpoint chains to.</summary>
    public byte[] Digest() => SHA256.HashData(Statement());
}

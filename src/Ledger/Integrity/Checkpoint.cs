using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Integrity;

/// <summary>
/// A signed statement that the committed log, up to <see cref="Position"/> (an <c>mt_events.seq_id</c>), held
/// exactly these events: the Merkle root over the hashes of the events recorded after the previous checkpoint's
/// position, in <c>seq_id</c> order, chained to that checkpoint.
/// </summary>
public sealed record Checkpoint(
    long Number,
    long Position,
    long EventCount,
    byte[] RangeRoot,
    byte[] Previous,
    byte[] Signature,
    string KeyId,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The exact bytes signed: UTF-8 lines <c>batik-ledger checkpoint</c>, <c>number N</c>, <c>position SEQ</c>
    /// (the highest <c>seq_id</c> covered), <c>events N</c> (in this checkpoint's range), <c>range-root HEX</c>,
    /// <c>previous HEX</c> (SHA-256 of the previous checkpoint's statement, zeros for the first).
    /// </summary>
    public byte[] Statement() => StatementOf(Number, Position, EventCount, RangeRoot, Previous);

    public static byte[] StatementOf(long number, long position, long eventCount, byte[] rangeRoot, byte[] previous) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"batik-ledger checkpoint\nnumber {number}\nposition {position}\nevents {eventCount}\n" +
            $"range-root {Convert.ToHexString(rangeRoot).ToLowerInvariant()}\nprevious {Convert.ToHexString(previous).ToLowerInvariant()}"));

    /// <summary>What the next checkpoint chains to.</summary>
    public byte[] Digest() => SHA256.HashData(Statement());
}

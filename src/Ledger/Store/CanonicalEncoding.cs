using System.Security.Cryptography;
using System.Text;

namespace Ledger.Store;

/// <summary>
/// The bytes an event's hash covers, so that anyone can recompute it from what the ledger serves:
/// the UTF-8 encoding of six lines joined by <c>\n</c> — the stream id (lower-case, hyphenated), the
/// version, the stored type name, the data and the metadata as PostgreSQL prints <c>jsonb</c> (keys
/// sorted, one space after <c>:</c> and <c>,</c>), and the recorded time in microseconds since the Unix epoch.
/// An event's hash is SHA-256(previous event's hash in the stream, or 32 zero bytes, ‖ SHA-256(these bytes)).
/// </summary>
public static class CanonicalEncoding
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Content(Guid streamId, long version, string type, string dataJsonb, string metadataJsonb, long recordedAtMicros) =>
        Encoding.UTF8.GetBytes(string.Join('\n', streamId.ToString("D"), version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            type, dataJsonb, metadataJsonb, recordedAtMicros.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static byte[] ContentHash(Guid streamId, long version, string type, string dataJsonb, string metadataJsonb, long recordedAtMicros) =>
        SHA256.HashData(Content(streamId, version, type, dataJsonb, metadataJsonb, recordedAtMicros));

    public static byte[] Chain(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> contentHash)
    {
        Span<byte> joined = stackalloc byte[64];
        previous.CopyTo(joined);
        contentHash.CopyTo(joined[32..]);
        return SHA256.HashData(joined);
    }

    public static long ToMicros(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}

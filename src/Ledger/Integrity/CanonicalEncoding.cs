using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Integrity;

/// <summary>
/// The bytes an event's hash covers, so that anyone can recompute it from what the ledger serves: the UTF-8
/// encoding of six lines joined by <c>\n</c> —
/// <list type="number">
/// <item>the stream id (lower-case, hyphenated),</item>
/// <item>the version,</item>
/// <item>the stored type name (<c>mt_events.type</c>),</item>
/// <item>the data as PostgreSQL prints <c>jsonb</c>,</item>
/// <item>the metadata as PostgreSQL prints <c>jsonb</c>: the object <c>{"headers": ..., "user_name": ...,
/// "causation_id": ..., "correlation_id": ...}</c>, where <c>headers</c> are the event's headers without the
/// hash chain's own <c>hash</c> and <c>prev_hash</c> (an empty object when it has none) and absent ids are
/// <c>null</c>,</item>
/// <item>the recorded time (<c>mt_events.timestamp</c>) in microseconds since the Unix epoch.</item>
/// </list>
/// PostgreSQL prints <c>jsonb</c> with its keys ordered (shorter keys first, then bytewise) and one space after
/// <c>:</c> and <c>,</c>. An event's hash is SHA-256(the previous event's hash in its stream, or 32 zero bytes
/// before the first, ‖ SHA-256(these bytes)); both hashes are kept, as lower-case hex, in the event's headers
/// <c>prev_hash</c> and <c>hash</c>.
/// </summary>
public static class CanonicalEncoding
{
    /// <summary>The hash a stream's first event chains onto: 32 zero bytes.</summary>
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>The header holding an event's chain hash, lower-case hex.</summary>
    public const string HashHeader = "hash";

    /// <summary>The header holding the chain hash of the event before it in its stream (zeros for the first), lower-case hex.</summary>
    public const string PreviousHashHeader = "prev_hash";

    public static byte[] Content(Guid streamId, long version, string type, string dataJsonb, string metadataJsonb, long recordedAtMicros) =>
        Encoding.UTF8.GetBytes(string.Join('\n', streamId.ToString("D"), version.ToString(CultureInfo.InvariantCulture),
            type, dataJsonb, metadataJsonb, recordedAtMicros.ToString(CultureInfo.InvariantCulture)));

    public static byte[] ContentHash(Guid streamId, long version, string type, string dataJsonb, string metadataJsonb, long recordedAtMicros) =>
        SHA256.HashData(Content(streamId, version, type, dataJsonb, metadataJsonb, recordedAtMicros));

    /// <summary>SHA-256(previous ‖ content hash): an event's chain hash.</summary>
    public static byte[] Chain(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> contentHash)
    {
        Span<byte> joined = stackalloc byte[64];
        previous.CopyTo(joined);
        contentHash.CopyTo(joined[32..]);
        return SHA256.HashData(joined);
    }

    /// <summary>A hash header's bytes; empty when it is missing or not 64 hex digits (so that it matches nothing).</summary>
    public static byte[] ParseHash(string? hex) =>
        hex is { Length: 64 } && hex.All(char.IsAsciiHexDigit) ? Convert.FromHexString(hex) : [];

    public static long ToMicros(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>
    /// The SQL expression of the metadata object's <c>jsonb</c> text over an <c>mt_events</c> row named
    /// <paramref name="row"/> (a table alias, or <c>NEW</c> in a trigger). It is spelled out as the text
    /// <c>jsonb_build_object(...)::text</c> prints (keys in jsonb's order, strings escaped by <c>to_json</c> as jsonb
    /// escapes them), which costs the server a third of building the object to print it.
    /// </summary>
    public static string MetadataSql(string row) =>
        $"'{{\"headers\": ' || ({HeadersSql(row)})::text || ', \"user_name\": ' || coalesce(to_json({row}.user_name)::text, 'null') || " +
        $"', \"causation_id\": ' || coalesce(to_json({row}.causation_id)::text, 'null') || " +
        $"', \"correlation_id\": ' || coalesce(to_json({row}.correlation_id)::text, 'null') || '}}'";

    /// <summary>The headers the hash covers: every header but the chain's own (the stored value as it is when it is not an object).</summary>
    static string HeadersSql(string row) =>
        $"CASE WHEN jsonb_typeof({row}.headers) = 'object' THEN {row}.headers - '{HashHeader}' - '{PreviousHashHeader}' " +
        $"ELSE coalesce({row}.headers, '{{}}'::jsonb) END";

    /// <summary>The SQL expression of the recorded time in microseconds since the Unix epoch.</summary>
    public static string MicrosSql(string row) => $"(extract(epoch from {row}.timestamp) * 1000000)::bigint";

    /// <summary>The SQL expression of the canonical bytes (<c>bytea</c>) of the <c>mt_events</c> row named <paramref name="row"/>.</summary>
    public static string ContentSql(string row) =>
        $"convert_to(concat_ws(E'\\n', {row}.stream_id::text, {row}.version::text, {row}.type, {row}.data::text, " +
        $"{MetadataSql(row)}, {MicrosSql(row)}::text), 'UTF8')";
}

using System.IO.Compression;
using System.Buffers.Text;

namespace Ledger.Projections.Credentials;

/// <summary>
/// The ledger's status lists (W3C Bitstring Status List v1.0): one list per purpose and number, named
/// <c>revocation-1</c>, <c>suspension-1</c>, ..., each <see cref="Entries"/> bits long (the specification's minimum,
/// 16 KiB), index 0 at the first byte's most significant bit. A certificate holds the same index in the revocation
/// list and the suspension list of the same number.
/// </summary>
public static class StatusLists
{
    /// <summary>Bits in a list: 131,072, so that a fetch of the list does not reveal which credential is checked.</summary>
    public const int Entries = 131_072;

    /// <summary>
    /// An odd multiplier: n times it, modulo <see cref="Entries"/> (a power of two), visits every index once, so
    /// consecutive allocations land far apart in the list.
    /// </summary>
    public const int Spread = 40_503;

    /// <summary>A revoked certificate's bit (permanent).</summary>
    public const string Revocation = "revocation";

    /// <summary>A frozen certificate's bit (cleared on reinstatement).</summary>
    public const string Suspension = "suspension";

    public static IReadOnlyList<string> Purposes { get; } = [Revocation, Suspension];

    /// <summary>The list's name in its URL: <c>revocation-1</c>.</summary>
    public static string Name(string purpose, int number) => $"{purpose}-{number}";

    /// <summary>The purpose and number of a list named as <see cref="Name"/> makes them, or null.</summary>
    public static (string Purpose, int Number)? Parse(string? name)
    {
        if (name is null) return null;
        var dash = name.LastIndexOf('-');
        if (dash <= 0) return null;
        var purpose = name[..dash];
        if (!Purposes.Contains(purpose)) return null;
        return int.TryParse(name[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1
            ? (purpose, n)
            : null;
    }

    /// <summary>A list no bit of which was ever set.</summary>
    public static byte[] Empty() => new byte[Entries / 8];

    /// <summary>The bit at <paramref name="index"/>, counted from the first byte's most significant bit.</summary>
    public static bool IsSet(ReadOnlySpan<byte> bits, int index) => (bits[index / 8] & (0x80 >> (index % 8))) != 0;

    /// <summary>The encoded list: multibase base64url ('u', no padding) of the GZIP-compressed bitstring.</summary>
    public static string Encode(ReadOnlySpan<byte> bits)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(bits);
        return "u" + Base64Url.EncodeToString(compressed.ToArray());
    }

    /// <summary>The bitstring of an encoded list; throws <see cref="FormatException"/> when it is not one.</summary>
    public static byte[] Decode(string encoded)
    {
        if (encoded is not ['u', ..]) throw new FormatException("The encoded list is not multibase base64url (it must start with 'u').");
        var compressed = Base64Url.DecodeFromChars(encoded.AsSpan(1));
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var bits = new MemoryStream();
            gzip.CopyTo(bits);
            return bits.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException("The encoded list is not GZIP-compressed.", e);
        }
    }
}

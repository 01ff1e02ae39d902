using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Api.Auth;
using Ledger.Certifications;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Credentials;

/// <summary>
/// Download links a registrar hands to a certificate's holder: <c>/api/credentials/holder/{number}?expires=..&amp;signature=..</c>,
/// which anyone holding the link can open until it expires, with no account. The signature is an HMAC-SHA256 over the
/// number and the expiry, under a key derived from the token signing key for this purpose alone, so a link opens one
/// certificate's unnamed credential and nothing else, and cannot be extended or moved to another number.
/// </summary>
public sealed class HolderLinks(IOptions<LedgerAuthOptions> auth, TimeProvider time)
{
    /// <summary>How long a link lasts unless the registrar asks otherwise, and the longest it may.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7), LongestLifetime = TimeSpan.FromDays(30);

    readonly byte[] key = HMACSHA256.HashData(auth.Value.Key, "ledger holder credential link"u8);

    /// <summary>The link's path and query, valid until <paramref name="expires"/>.</summary>
    public string PathFor(CertificateNumber number, DateTimeOffset expires)
    {
        var seconds = expires.ToUnixTimeSeconds();
        return $"/api/credentials/holder/{number}?expires={seconds.ToString(CultureInfo.InvariantCulture)}&signature={Sign(number, seconds)}";
    }

    /// <summary>Whether <paramref name="signature"/> was made for this number and expiry, and the expiry has not passed.</summary>
    public bool Opens(CertificateNumber number, long expires, string? signature) =>
        signature is not null
        && expires > time.GetUtcNow().ToUnixTimeSeconds()
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(number, expires)), Encoding.ASCII.GetBytes(signature));

    string Sign(CertificateNumber number, long expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{number}\n{expires.ToString(CultureInfo.InvariantCulture)}")));
}

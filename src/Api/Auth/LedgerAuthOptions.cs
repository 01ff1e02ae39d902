namespace Ledger.Api.Auth;

/// <summary>
/// <c>Ledger:Auth</c>: the HS256 key tokens are signed with (base64, at least 256 bits), and the
/// issuer and audience they must name.
/// </summary>
public sealed class LedgerAuthOptions
{
    public const string Section = "Ledger:Auth";

    public const int MinimumKeyBytes = 32;

    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "batik-ledger";

    public string Audience { get; set; } = "batik-ledger-api";

    /// <summary>Tolerated clock difference between the token's issuer and this host.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The decoded key, or a message saying what is wrong with the configured one.</summary>
    public (byte[]? Key, string? Problem) DecodeKey()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
            return (null, $"No token signing key is configured: set {Section}:SigningKey (environment variable Ledger__Auth__SigningKey) " +
                          $"to at least {MinimumKeyBytes} random bytes in base64, e.g. `head -c 32 /dev/urandom | base64`, or start the ledger with ops/run.");
        byte[] key;
        try { key = Convert.FromBase64String(SigningKey.Trim()); }
        catch (FormatException) { return (null, $"{Section}:SigningKey is not valid base64."); }
        return key.Length < MinimumKeyBytes
            ? (null, $"{Section}:SigningKey is {key.Length * 8} bits; at least {MinimumKeyBytes * 8} are required.")
            : (key, null);
    }

    public byte[] Key => DecodeKey() is ({ } key, _) ? key : throw new InvalidOperationException(DecodeKey().Problem);
}

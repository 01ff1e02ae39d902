using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Api.Auth;

/// <summary>
/// Compact JWTs signed with HMAC-SHA256 (RFC 7519, RFC 7515): minted by the <c>token</c> verb and
/// validated by <see cref="LedgerTokenHandler"/>. Only <c>HS256</c> is accepted, so an unsigned
/// (<c>alg: none</c>) or differently signed token never passes.
/// </summary>
public sealed class LedgerTokens(LedgerAuthOptions options, TimeProvider time)
{
    public const string RoleClaim = "role";
    public const string NameClaim = "name";

    readonly byte[] key = options.Key;

    /// <summary>A token for <paramref name="name"/> in <paramref name="role"/>, valid from now for <paramref name="lifetime"/>.</summary>
    public string Mint(string name, string role, TimeSpan lifetime)
    {
        if (!LedgerRoles.IsKnown(role))
            throw new ArgumentException($"Unknown role '{role}'; the roles are {string.Join(", ", LedgerRoles.All)}.", nameof(role));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iss"] = options.Issuer,
            ["aud"] = options.Audience,
            ["sub"] = name,
            [NameClaim] = name,
            [RoleClaim] = role,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var signingInput = $"{Base64Url(header.ToJsonString())}.{Base64Url(payload.ToJsonString())}";
        return $"{signingInput}.{Base64Url(Sign(signingInput))}";
    }

    /// <summary>The principal a token stands for, or the reason it is refused.</summary>
    public (ClaimsPrincipal? Principal, string? Failure) Validate(string token, string authenticationType)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return (null, "The token is not a compact JWT.");

        JsonObject header, payload;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64UrlDecode(parts[0]))?.AsObject() ?? throw new FormatException();
            payload = JsonNode.Parse(Base64UrlDecode(parts[1]))?.AsObject() ?? throw new FormatException();
            signature = Base64UrlDecode(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return (null, "The token is not well formed.");
        }

        if (Text(header, "alg") != "HS256") return (null, "The token is not signed with HS256.");
        var expected = Sign($"{parts[0]}.{parts[1]}");
        if (!CryptographicOperations.FixedTimeEquals(expected, signature)) return (null, "The token's signature does not match.");

        var now = time.GetUtcNow();
        if (Seconds(payload, "exp") is not { } exp) return (null, "The token has no expiry.");
        if (DateTimeOffset.FromUnixTimeSeconds(exp) + options.ClockSkew <= now) return (null, "The token has expired.");
        if (Seconds(payload, "nbf") is { } nbf && DateTimeOffset.FromUnixTimeSeconds(nbf) - options.ClockSkew > now)
            return (null, "The token is not valid yet.");
        if (Text(payload, "iss") != options.Issuer) return (null, "The token was issued by someone else.");
        if (!Audiences(payload).Contains(options.Audience)) return (null, "The token is meant for another audience.");
        if (Text(payload, RoleClaim) is not { } role || !LedgerRoles.IsKnown(role)) return (null, "The token carries no known role.");
        var name = Text(payload, NameClaim) ?? Text(payload, "sub");
        if (string.IsNullOrWhiteSpace(name)) return (null, "The token names no one.");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim("sub", Text(payload, "sub") ?? name)],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        return (new ClaimsPrincipal(identity), null);
    }

    byte[] Sign(string signingInput) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));

    static string? Text(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    static long? Seconds(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<long>(out var seconds) ? seconds : null;

    static IEnumerable<string> Audiences(JsonObject payload) => payload["aud"] switch
    {
        JsonValue single when single.TryGetValue<string>(out var one) => [one],
        JsonArray many => many.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : "").ToArray(),
        _ => [],
    };

    static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}

using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Api.Credentials;

/// <summary>A compact JWS as read, before its signature is checked.</summary>
public sealed record ReadJws(JsonObject Header, JsonObject Payload, byte[] SigningInput, byte[] Signature);

/// <summary>
/// JWS compact serialization (RFC 7515) with ES256, as VC-JOSE-COSE secures a credential: the header names the algorithm,
/// the key (<c>kid</c>) and the media type (<c>typ: vc+jwt</c>, <c>cty: vc</c>), and the payload is the credential itself.
/// </summary>
public static class CompactJws
{
    /// <summary>The media type of a credential secured this way.</summary>
    public const string MediaType = "application/vc+jwt";

    public const string Type = "vc+jwt";

    /// <summary>Signs <paramref name="credential"/> with <paramref name="key"/> under <paramref name="kid"/>.</summary>
    public static string Sign(JsonObject credential, IssuerKey key, string kid)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = kid, ["typ"] = Type, ["cty"] = "vc" };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
                           Base64Url.EncodeToString(Encoding.UTF8.GetBytes(credential.ToJsonString()));
        return signingInput + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The JWS's parts, or why it is not a compact JWS whose header and payload are JSON objects.</summary>
    public static (ReadJws? Jws, string? Problem) Read(string? compact)
    {
        var parts = compact?.Trim().Split('.');
        if (parts is not { Length: 3 }) return (null, "It is not a compact JWS (three base64url parts separated by dots).");
        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))?.AsObject() ?? throw new FormatException();
            var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))?.AsObject() ?? throw new FormatException();
            return (new ReadJws(header, payload, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2])), null);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return (null, "Its header or payload is not base64url-encoded JSON.");
        }
    }
}

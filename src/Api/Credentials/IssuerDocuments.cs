using System.Text.Json.Nodes;

namespace Ledger.Api.Credentials;

/// <summary>
/// The issuer's public keys, for verifiers: <c>/.well-known/jwks.json</c> (a JWK set, RFC 7517) and
/// <c>/.well-known/did.json</c> (the host's <c>did:web</c> document), each key under the same id
/// (<c>did:web:host#thumbprint</c>), the current key first, then the retired keys, which still verify what they signed.
/// </summary>
public static class IssuerDocuments
{
    public static IResult Jwks(HttpContext http, IConfiguration configuration, IssuerKeys keys)
    {
        var issuer = IssuerIdentity.For(http, configuration);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(new JsonObject
        {
            ["keys"] = new JsonArray([.. keys.All.Select(k => (JsonNode)k.PublicJwk(issuer.KeyId(k)))]),
        }.ToJsonString(), "application/jwk-set+json");
    }

    public static IResult Did(HttpContext http, IConfiguration configuration, IssuerKeys keys)
    {
        var issuer = IssuerIdentity.For(http, configuration);
        var methods = keys.All.Select(k =>
        {
            var jwk = k.PublicJwk(issuer.KeyId(k));
            jwk.Remove("kid");
            return (JsonNode)new JsonObject
            {
                ["id"] = issuer.KeyId(k), ["type"] = "JsonWebKey", ["controller"] = issuer.Did, ["publicKeyJwk"] = jwk,
            };
        }).ToList();
        var current = keys.Current is { } c ? new JsonArray(issuer.KeyId(c)) : [];
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"),
            ["id"] = issuer.Did,
            ["verificationMethod"] = new JsonArray([.. methods]),
            // Every key, retired ones too, asserts what it signed; only the current key signs new credentials.
            ["assertionMethod"] = new JsonArray([.. keys.All.Select(k => (JsonNode)issuer.KeyId(k))]),
            ["authentication"] = current,
        }.ToJsonString(), "application/did+json");
    }
}

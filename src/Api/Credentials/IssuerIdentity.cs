using Ledger.Api.Pages.Printing;

namespace Ledger.Api.Credentials;

/// <summary>
/// Who signs the ledger's credentials: the host as a <c>did:web</c> identifier, from <c>Ledger:PublicBaseUrl</c> (else the
/// request's scheme and host), whose DID document is served at <c>/.well-known/did.json</c>. A key's id is the DID with
/// the key's JWK thumbprint as fragment: <c>did:web:sertifikat.example.id#Xb3...</c>.
/// </summary>
public sealed record IssuerIdentity(string BaseUrl, string Did)
{
    public static IssuerIdentity For(HttpContext http, IConfiguration configuration) => FromBaseUrl(PrintPage.PublicBaseUrl(http, configuration));

    /// <summary><c>https://host:8443</c> becomes <c>did:web:host%3A8443</c> (the port's colon percent-encoded, as did:web asks).</summary>
    public static IssuerIdentity FromBaseUrl(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}%3A{uri.Port}";
        return new IssuerIdentity(baseUrl.TrimEnd('/'), $"did:web:{host}");
    }

    public string KeyId(IssuerKey key) => $"{Did}#{key.Thumbprint}";

    /// <summary>The thumbprint a key id names, whatever host its DID names; null when it has no fragment.</summary>
    public static string? Thumbprint(string? kid) => kid?.LastIndexOf('#') is { } hash and >= 0 && hash < kid.Length - 1 ? kid[(hash + 1)..] : null;

    /// <summary>The DID part of a key id.</summary>
    public static string? DidOf(string? kid) => kid?.LastIndexOf('#') is { } hash and > 0 ? kid[..hash] : null;

    public string StatusListUrl(string list) => $"{BaseUrl}/api/credentials/status/{list}";
}

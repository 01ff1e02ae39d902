using Ledger.Projections.Credentials;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Credentials;

/// <summary>
/// <c>GET /api/credentials/status/{list}</c> (anyone): a status list credential, signed like the credentials
/// (<c>application/vc+jwt</c>), cacheable for <c>Ledger:Credentials:StatusListMaxAge</c> (5 minutes by default) with an
/// ETag that changes when a bit of the list does (or the signing key), and 304 to a matching <c>If-None-Match</c>.
/// </summary>
public static class StatusListEndpoint
{
    public const string MaxAgeSetting = "Ledger:Credentials:StatusListMaxAge";

    public static async Task<IResult> Serve(
        string list, HttpContext http, IConfiguration configuration, IssuerKeys keys, CredentialStatusQuery status, TimeProvider time, CancellationToken ct)
    {
        if (StatusLists.Parse(list) is not { } name || await status.ListAsync(name.Purpose, name.Number, ct) is not { } state)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown status list",
                detail: $"This ledger publishes no status list named '{list}' (they are named revocation-N and suspension-N).");
        if (keys.Current is not { CanSign: true } key)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No issuer key", detail: keys.Problem);

        var maxAge = configuration.GetValue(MaxAgeSetting, TimeSpan.FromMinutes(5));
        // ECDSA signatures differ at each signing, so the ETag is weak: the same bits, signed by the same key.
        var etag = $"W/\"{state.Name}.{state.Version}.{key.Thumbprint[..8]}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = $"public, max-age={(long)maxAge.TotalSeconds}";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && (v.Contains(etag[2..], StringComparison.Ordinal) || v == "*")))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        var issuer = IssuerIdentity.For(http, configuration);
        var credential = StatusListCredential.Build(state, issuer, maxAge, time.GetUtcNow());
        return TypedResults.Text(CompactJws.Sign(credential, key, issuer.KeyId(key)), CompactJws.MediaType);
    }
}

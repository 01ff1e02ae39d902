using Ledger.Api.Auth;
using Ledger.Api.Hosting;
using Ledger.Api.Http;
using Ledger.Projections.Credentials;
using Ledger.Marten;

namespace Ledger.Api.Credentials;

/// <summary>
/// Certificates as verifiable credentials (W3C VC 2.0, Open Badges 3.0, secured with JOSE): <c>/api/credentials</c> for
/// the registrar's download, the public status lists and the public check, and the issuer's keys under
/// <c>/.well-known</c>.
/// </summary>
public static class CredentialsApi
{
    public static IServiceCollection AddCredentials(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => IssuerKeys.FromConfiguration(configuration));
        services.AddSingleton(sp => new CredentialStatusQuery(sp.GetRequiredService<LedgerDatabase>()));
        services.AddSingleton<CredentialVerifier>();
        services.AddSingleton<HolderLinks>();
        return services;
    }

    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder app)
    {
        var credentials = app.MapGroup("/api/credentials").WithTags(ApiTags.Credentials);
        credentials.MapGet("/{certificateNumber}", IssueCredential.Issue)
            .RequireAuthorization(LedgerPolicies.Registrar)
            .WithName("IssueCredential")
            .WithSummary("The certificate as a signed Open Badges 3.0 credential (application/vc+jwt)")
            .WithDescription("A W3C Verifiable Credential 2.0 (AchievementCredential) secured as a compact JWS with ES256 under the issuer's current key. " +
                "No NIK; the holder's name only with named=true. 422 for a revoked or expired certificate.")
            .Produces<string>(StatusCodes.Status200OK, CompactJws.MediaType);
        credentials.MapPost("/{certificateNumber}/holder-link", HolderLinkEndpoints.Create)
            .RequireAuthorization(LedgerPolicies.Registrar)
            .WithName("CreateHolderLink")
            .WithSummary("A link for the certificate's holder to download their unnamed credential, valid for ?days= (1 to 30, default 7)")
            .Produces<HolderLink>();
        credentials.MapGet("/holder/{certificateNumber}", HolderLinkEndpoints.Download)
            .AllowAnonymous()
            .AddEndpointFilter<VerificationBudgetFilter>()
            .WithName("DownloadHolderCredential")
            .WithSummary("The holder's download: the unnamed credential, for whoever holds a link that has not expired; 404 otherwise")
            .Produces<string>(StatusCodes.Status200OK, CompactJws.MediaType);
        credentials.MapGet("/status/{list}", StatusListEndpoint.Serve)
            .AllowAnonymous()
            .WithName("CredentialStatusList")
            .WithSummary("A Bitstring Status List credential (revocation-N or suspension-N), signed, cacheable")
            .Produces<string>(StatusCodes.Status200OK, CompactJws.MediaType);
        credentials.MapPost("/verify", VerifyCredential.Verify)
            .AllowAnonymous()
            .AddEndpointFilter<VerificationBudgetFilter>()
            .WithName("VerifyCredential")
            .WithSummary("Check a credential: valid, revoked, frozen, expired or invalid, with the reason")
            .Accepts<VerifyCredentialRequest>("application/json", CompactJws.MediaType, "text/plain")
            .Produces<CredentialCheck>();

        var wellKnown = app.MapGroup("/.well-known").WithTags(ApiTags.Credentials).AllowAnonymous();
        wellKnown.MapGet("/jwks.json", IssuerDocuments.Jwks).WithName("IssuerJwks")
            .WithSummary("The issuer's public keys as a JWK set: the current key and the retired ones").Produces<string>(StatusCodes.Status200OK, "application/jwk-set+json");
        wellKnown.MapGet("/did.json", IssuerDocuments.Did).WithName("IssuerDid")
            .WithSummary("The issuer's did:web document, with the same keys").Produces<string>(StatusCodes.Status200OK, "application/did+json");
        return app;
    }
}

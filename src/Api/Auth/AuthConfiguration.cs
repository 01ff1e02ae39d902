using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Auth;

/// <summary>Bearer tokens, the roles' policies, and the key they depend on (the host refuses to start without it).</summary>
public static class AuthConfiguration
{
    public static IServiceCollection AddLedgerAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LedgerAuthOptions>()
            .Bind(configuration.GetSection(LedgerAuthOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LedgerAuthOptions>, SigningKeyValidation>();
        services.AddSingleton(sp => new LedgerTokens(sp.GetRequiredService<IOptions<LedgerAuthOptions>>().Value, sp.GetRequiredService<TimeProvider>()));

        // A token is read only where a policy or a page asks for one. The one scheme would otherwise become every
        // request's default, and the public lookup would build a handler for a header it never carries.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication(o =>
            {
                o.DefaultChallengeScheme = LedgerTokenHandler.SchemeName;
                o.DefaultForbidScheme = LedgerTokenHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, LedgerTokenHandler>(LedgerTokenHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(LedgerPolicies.Registry, Roles(LedgerRoles.Registrar, LedgerRoles.Agency))
            .AddPolicy(LedgerPolicies.Registrar, Roles(LedgerRoles.Registrar))
            .AddPolicy(LedgerPolicies.Agency, Roles(LedgerRoles.Agency))
            .AddPolicy(LedgerPolicies.Audit, Roles(LedgerRoles.Auditor))
            .AddPolicy(LedgerPolicies.Analytics, Roles(LedgerRoles.Analyst));
        return services;
    }

    static Action<AuthorizationPolicyBuilder> Roles(params string[] roles) => p => p
        .AddAuthenticationSchemes(LedgerTokenHandler.SchemeName)
        .RequireAuthenticatedUser()
        .RequireRole(roles);

    sealed class SigningKeyValidation : IValidateOptions<LedgerAuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, LedgerAuthOptions options) =>
            options.DecodeKey().Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

using Microsoft.AspNetCore.Authentication;
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

        services.AddAuthentication(LedgerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, LedgerTokenHandler>(LedgerTokenHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(LedgerPolicies.Registry, p => p.RequireAuthenticatedUser().RequireRole(LedgerRoles.Registrar, LedgerRoles.Agency))
            .AddPolicy(LedgerPolicies.Registrar, p => p.RequireAuthenticatedUser().RequireRole(LedgerRoles.Registrar))
            .AddPolicy(LedgerPolicies.Agency, p => p.RequireAuthenticatedUser().RequireRole(LedgerRoles.Agency))
            .AddPolicy(LedgerPolicies.Audit, p => p.RequireAuthenticatedUser().RequireRole(LedgerRoles.Auditor))
            .AddPolicy(LedgerPolicies.Analytics, p => p.RequireAuthenticatedUser().RequireRole(LedgerRoles.Analyst));
        return services;
    }

    sealed class SigningKeyValidation : IValidateOptions<LedgerAuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, LedgerAuthOptions options) =>
            options.DecodeKey().Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

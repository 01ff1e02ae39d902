using JasperFx.CommandLine;
using Ledger.Api.Auth;

namespace Ledger.Api.Verbs;

public sealed class TokenInput : NetCoreInput
{
    [Description("The role the token carries: registrar, agency, auditor, analyst or verifier")]
    public string Role { get; set; } = "";

    [Description("Who the token names (default: dev-<role>)")]
    [FlagAlias("name", 'n')]
    public string? NameFlag { get; set; }

    [Description("How many hours the token is valid (default: 8)")]
    [FlagAlias("hours")]
    public double HoursFlag { get; set; } = 8;
}

/// <summary>
/// <c>token &lt;role&gt; [--name NAME] [--hours N]</c>: prints a bearer token signed with <c>Ledger:Auth:SigningKey</c>.
/// It needs the key, not the database.
/// </summary>
[Description("Print a bearer token for a role, signed with Ledger:Auth:SigningKey", Name = "token")]
public sealed class TokenVerb : LedgerVerb<TokenInput>
{
    public TokenVerb()
    {
        Usage("A token for a role").Arguments(x => x.Role).ValidFlags(x => x.NameFlag!, x => x.HoursFlag);
    }

    protected override async Task<int> RunAsync(TokenInput input, IServiceProvider services)
    {
        if (!LedgerRoles.IsKnown(input.Role))
        {
            await Console.Error.WriteLineAsync($"token: '{input.Role}' is not a role; the roles are {string.Join(", ", LedgerRoles.All)}.");
            return VerbExitCodes.Failed;
        }
        if (input.HoursFlag is not > 0)
        {
            await Console.Error.WriteLineAsync("token: --hours must be a positive number.");
            return VerbExitCodes.Failed;
        }
        var tokens = services.GetRequiredService<LedgerTokens>();
        Console.WriteLine(tokens.Mint(input.NameFlag ?? $"dev-{input.Role}", input.Role, TimeSpan.FromHours(input.HoursFlag)));
        return VerbExitCodes.Done;
    }
}

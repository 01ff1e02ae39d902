namespace Ledger.Api.Auth;

/// <summary>The roles a token can carry, as they appear in its <c>role</c> claim.</summary>
public static class LedgerRoles
{
    /// <summary>Staff of the certification body (LSP) and of the training centre (balai).</summary>
    public const string Registrar = "registrar";

    /// <summary>Staff of a regency agency (Dinas): agreements, quotas, aid and monitoring visits.</summary>
    public const string Agency = "agency";

    public const string Auditor = "auditor";

    public const string Analyst = "analyst";

    /// <summary>An employer, buyer or registry registered to check certificates in bulk: a lookup budget of its own, nothing more.</summary>
    public const string Verifier = "verifier";

    public static readonly IReadOnlyList<string> All = [Registrar, Agency, Auditor, Analyst, Verifier];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Authorization policies, one per user group and one per writing role.</summary>
public static class LedgerPolicies
{
    /// <summary>Registry writes: registrars or agency staff (endpoints narrow it with <see cref="Registrar"/> or <see cref="Agency"/>).</summary>
    public const string Registry = "registry";

    public const string Registrar = "registrar-only";

    public const string Agency = "agency-only";

    public const string Audit = "audit";

    public const string Analytics = "analytics";
}

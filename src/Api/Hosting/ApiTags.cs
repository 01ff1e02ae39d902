namespace Ledger.Api.Hosting;

/// <summary>The OpenAPI tags, one per kind of user.</summary>
public static class ApiTags
{
    public const string Registry = "Registry";
    public const string Verification = "Verification";
    public const string Audit = "Audit";
    public const string Analytics = "Analytics";
    public const string Credentials = "Credentials";
    public const string Health = "Health";

    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (Registry, "Registrars (LSP, training centre) and regency agencies record the certification process. Roles: registrar, agency."),
        (Verification, "Anyone looks a certificate number up. Anonymous, rate-limited per client."),
        (Audit, "Auditors replay histories and read the ledger's events. Role: auditor."),
        (Analytics, "Analysts query the read models, as JSON or CSV. Role: analyst."),
        (Credentials, "Certificates as signed verifiable credentials (Open Badges 3.0): registrars download them; anyone checks them and reads the status lists and the issuer's keys."),
        (Health, "Liveness and readiness of the host."),
    ];
}

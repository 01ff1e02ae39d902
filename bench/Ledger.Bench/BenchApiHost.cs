using System.Globalization;
using System.Security.Cryptography;
using Ledger.Testing;

namespace Ledger.Bench;

/// <summary>
/// The API host as a process of its own on a loopback port, over a schema of the benchmark database dropped and
/// migrated afresh, seeded through the domain's commands (<c>seed-demo</c>) before it serves: production settings,
/// fresh secrets, logs at Warning, the public lookup's rate limit out of the way.
/// </summary>
public sealed class BenchApiHost : IDisposable
{
    readonly ApiProcess api;
    readonly string keyFile;

    BenchApiHost(ApiProcess api, string keyFile) => (this.api, this.keyFile) = (api, keyFile);

    public Uri BaseAddress => api.BaseAddress;

    /// <summary>The last lines the host wrote, to explain why it stopped answering.</summary>
    public string LastOutput => api.LastOutput;

    /// <summary>The host process's peak resident memory so far, or null when it cannot be read.</summary>
    public long? PeakMemory => api.Pid is { } pid ? Report.PeakOf(pid) : null;

    public static async Task<BenchApiHost> StartAsync(BenchDatabase bench, string apiDll, string schema, int port, int certifications)
    {
        await bench.ExecuteAsync($"drop schema if exists {schema} cascade");
        var keyFile = Path.Combine(Path.GetTempPath(), $"ledger-bench-{Guid.NewGuid():N}.pem");
        var environment = new Dictionary<string, string>
        {
            ["LEDGER_DB"] = bench.ConnectionString,
            ["Ledger__Schema"] = schema,
            ["Ledger__Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Ledger__PersonalData__NikHashSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Ledger__Integrity__CheckpointKeyFile"] = keyFile,
            ["Ledger__RateLimit__Verification__PermitLimit"] = "100000000",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var host = new BenchApiHost(new ApiProcess(apiDll, port, environment), keyFile);
        try
        {
            await host.api.RunVerbAsync(CancellationToken.None, "migrate");
            await host.api.RunVerbAsync(CancellationToken.None, "seed-demo", "--certifications", certifications.ToString(CultureInfo.InvariantCulture));
            await host.api.StartAsync(CancellationToken.None);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>A bearer token for <paramref name="role"/> under <paramref name="name"/>, signed with the host's key (the <c>token</c> verb).</summary>
    public Task<string> TokenAsync(string role, string name) => api.RunVerbAsync(CancellationToken.None, "token", role, "--name", name);

    public void Dispose()
    {
        api.Dispose();
        File.Delete(keyFile);
    }
}

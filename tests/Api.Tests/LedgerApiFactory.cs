using System.Net.Http.Headers;
using Ledger.Api.Auth;
using Ledger.Api.Hosting;
using Ledger.Integrity;
using Marten;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>
/// The real host over the real database, in a schema of its own, with the test-only endpoints of
/// <see cref="TestEndpoints"/> mapped into the real groups.
/// </summary>
public class LedgerApiFactory : WebApplicationFactory<Program>
{
    /// <summary>A fixed 256-bit key, for tests only.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    /// <summary>A fixed NIK hash secret, for tests only.</summary>
    public static readonly string NikHashSecret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray());

    readonly bool ownsSchema;

    /// <summary>A host over a schema of its own, dropped when it is disposed.</summary>
    public LedgerApiFactory() : this(TestDatabase.SchemaFor(typeof(LedgerApiFactory)) + "_" + Guid.NewGuid().ToString("N")[..6], ownsSchema: true) { }

    /// <summary>A host over <paramref name="schema"/>, which it drops when disposed only if it <paramref name="ownsSchema"/>.</summary>
    protected LedgerApiFactory(string schema, bool ownsSchema)
    {
        Schema = schema;
        this.ownsSchema = ownsSchema;
    }

    /// <summary>This host's checkpoint key.</summary>
    public CheckpointSigner CheckpointKey { get; } = CheckpointSigner.Generate();

    public string Schema { get; }

    static LedgerApiFactory() => HostUnderTest.StartThroughTheCommandLine();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The host's sessions carry its schema as their application name, so a test can find (and end) them.
        builder.UseSetting("ConnectionStrings:Ledger", $"{TestDatabase.ConnectionString};Application Name={Schema}");
        builder.UseSetting("Ledger:Schema", Schema);
        builder.UseSetting("Ledger:Auth:SigningKey", SigningKey);
        builder.UseSetting(LedgerSecrets.NikHashSecret, NikHashSecret);
        builder.UseSetting(LedgerSecrets.CheckpointKey, CheckpointKey.PrivateKeyPem());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILedgerApiModule, TestEndpoints>();
            services.ConfigureMarten(TestEndpoints.Register);
            services.RunTheCodeGeneratedAhead();
        });
    }

    /// <summary>A token for <paramref name="role"/>, signed with the host's key.</summary>
    public string Token(string role, string? name = null) =>
        Services.GetRequiredService<LedgerTokens>().Mint(name ?? $"test-{role}", role, TimeSpan.FromHours(1));

    /// <summary>A client whose requests carry a token for <paramref name="role"/> (none when null).</summary>
    public HttpClient ClientFor(string? role, string? name = null)
    {
        var client = CreateClient();
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, name));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsSchema) await TestDatabase.DropSchemaAsync(Schema);
    }
}

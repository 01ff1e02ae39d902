using System.Net.Http.Headers;
using Alba;
using Ledger.Api.Auth;
using Ledger.Api.Credentials;
using Ledger.Api.Hosting;
using Ledger.Integrity;
using Marten;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>
/// The real host as an Alba host over the real database, in a schema of its own, with the test-only endpoints of
/// <see cref="TestEndpoints"/> mapped into the real groups. One per test class; the schema is dropped with it.
/// </summary>
public class LedgerApiFactory : IAsyncLifetime
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

    /// <summary>This host's issuer key, which signs its credentials.</summary>
    public IssuerKey IssuerKey { get; } = IssuerKey.Generate();

    public string Schema { get; }

    static LedgerApiFactory() => HostUnderTest.StartThroughTheCommandLine();

    /// <summary>The running host: scenarios go through it.</summary>
    public IAlbaHost Host { get; private set; } = null!;

    public IServiceProvider Services => Host.Services;

    public async Task InitializeAsync() => Host = await StartHostAsync();

    /// <summary>
    /// A host configured as this one, on its schema, with <paramref name="settings"/> on top; the caller disposes it
    /// (the schema stays, for this one).
    /// </summary>
    public Task<IAlbaHost> StartHostAsync(params (string Key, string Value)[] settings) =>
        AlbaHost.For<Program>(builder =>
        {
            ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });

    protected virtual void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The host's sessions carry its schema as their application name, so a test can find (and end) them.
        builder.UseSetting("ConnectionStrings:Ledger", $"{TestDatabase.ConnectionString};Application Name={Schema}");
        builder.UseSetting("Ledger:Schema", Schema);
        builder.UseSetting("Ledger:Auth:SigningKey", SigningKey);
        builder.UseSetting(LedgerSecrets.NikHashSecret, NikHashSecret);
        builder.UseSetting(LedgerSecrets.CheckpointKey, CheckpointKey.PrivateKeyPem());
        builder.UseSetting(IssuerKeys.Key, IssuerKey.PrivateKeyPem());
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

    /// <summary>
    /// An HTTP client of the host whose requests carry a token for <paramref name="role"/> (none when null), for what
    /// scenarios do not model: many clients at once, raw requests.
    /// </summary>
    public HttpClient ClientFor(string? role, string? name = null)
    {
        var client = Host.Server.CreateClient();
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, name));
        return client;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.Services.StopOnceAsync();
            await Host.DisposeAsync();
        }
        if (ownsSchema) await TestDatabase.DropSchemaAsync(Schema);
    }
}

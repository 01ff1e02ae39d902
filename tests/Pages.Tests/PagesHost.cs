using System.Net.Http.Headers;
using Ledger.Api.Auth;
using Ledger.Api.Credentials;
using Ledger.Api.Hosting;
using Ledger.Integrity;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ledger.Pages.Tests;

/// <summary>
/// The real host on a real port (Kestrel) over the real database in a schema of its own, seeded with
/// <see cref="DemoData"/>, and Debian's Chromium driven headless by Playwright (never a downloaded browser).
/// </summary>
public sealed class PagesHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());
    static readonly string NikHashSecret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray());

    readonly CheckpointSigner checkpointKey = CheckpointSigner.Generate();
    readonly IssuerKey issuerKey = IssuerKey.Generate();
    IPlaywright? playwright;

    public string Schema { get; } = TestDatabase.SchemaFor(typeof(PagesHost)) + "_" + Guid.NewGuid().ToString("N")[..6];

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public DemoData Demo { get; private set; } = null!;

    static PagesHost() => HostUnderTest.StartThroughTheCommandLine();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Ledger", TestDatabase.ConnectionString);
        builder.UseSetting("Ledger:Schema", Schema);
        builder.UseSetting("Ledger:Auth:SigningKey", SigningKey);
        builder.UseSetting(LedgerSecrets.NikHashSecret, NikHashSecret);
        builder.UseSetting(LedgerSecrets.CheckpointKey, checkpointKey.PrivateKeyPem());
        builder.UseSetting(IssuerKeys.Key, issuerKey.PrivateKeyPem());
        // Many lookups from one address in a few seconds: the public limit is tested by the API's own tests.
        builder.UseSetting("Ledger:RateLimit:Verification:PermitLimit", "100000");
        builder.ConfigureTestServices(services => services.RunTheCodeGeneratedAhead());
    }

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));

        Demo = await DemoData.SeedAsync(Services);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A token for <paramref name="role"/>, signed with the host's key.</summary>
    public string Token(string role) =>
        Services.GetRequiredService<LedgerTokens>().Mint($"test-{role}", role, TimeSpan.FromHours(1));

    /// <summary>An API client on the real port, with a bearer token for <paramref name="role"/> (none when null).</summary>
    public HttpClient ApiClient(string? role)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        return client;
    }

    /// <summary>A fresh browser context (its own cookies), signed in as <paramref name="role"/> when given.</summary>
    public async Task<IBrowserContext> ContextAsync(string? role = null, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        var context = await Browser.NewContextAsync(options);
        if (role is not null)
            await context.AddCookiesAsync([new Cookie
            {
                Name = Ledger.Api.Pages.SigningIn.PageSession.CookieName, Value = Token(role), Url = BaseAddress.ToString(),
                HttpOnly = true, SameSite = SameSiteAttribute.Strict,
            }]);
        return context;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await Services.StopOnceAsync();
        await DisposeAsync();
        await TestDatabase.DropSchemaAsync(Schema);
    }
}

[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesHost>
{
    public const string Name = "pages";
}

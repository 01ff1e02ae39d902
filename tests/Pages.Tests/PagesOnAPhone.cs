using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ledger.Pages.Tests;

/// <summary>Every page fits a phone's width and loads nothing from anywhere but the app itself.</summary>
[Collection(PagesCollection.Name)]
public sealed partial class PagesOnAPhone(PagesHost host)
{
    public static TheoryData<string, string?> Pages() => new()
    {
        { "/check", null },
        { "/check/{valid}", null },
        { "/check/{revoked}?lang=en", null },
        { "/check/NOT-A-NUMBER", null },
        { "/signin", null },
        { "/certificates/{valid}/print", "registrar" },
        { "/dashboard", "analyst" },
    };

    string Resolve(string path) => path.Replace("{valid}", host.Demo.ValidNumber).Replace("{revoked}", host.Demo.RevokedNumber);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task the_page_has_no_horizontal_overflow_at_390_pixels(string path, string? role)
    {
        await using var context = await host.ContextAsync(role, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(Resolve(path));

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await page.Locator("meta[name=viewport]").GetAttributeAsync("content")).ShouldBe("width=device-width, initial-scale=1");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task the_page_loads_nothing_and_links_nowhere_outside_the_app(string path, string? role)
    {
        await using var context = await host.ContextAsync(role);
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        await page.GotoAsync(Resolve(path));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var origin = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        requested.ShouldNotBeEmpty();
        requested.ShouldAllBe(url => url.StartsWith(origin + "/", StringComparison.Ordinal));
        var html = await page.ContentAsync();
        var external = AbsoluteUrl().Matches(html).Select(m => m.Value).Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal)).ToList();
        external.ShouldBeEmpty();
        (await page.Locator("[src], link[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.src || e.href)"))
            .ShouldAllBe(url => url.StartsWith(origin + "/", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(https?:)?//[a-z0-9.\-\[\]:]+[^\s""'<>]*", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();
}

using Microsoft.Playwright;

namespace Ledger.Pages.Tests;

/// <summary>The printable certificate: registrars only, signed in through the sign-in page, with a QR code decoded for real.</summary>
[Collection(PagesCollection.Name)]
public sealed class PrintingCertificates(PagesHost host)
{
    /// <summary>jsQR (npm, test-only), installed by ops/test under tests/Pages.Tests/js.</summary>
    static string JsQr()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return Path.Combine(dir.FullName, "tests", "Pages.Tests", "js", "node_modules", "jsqr", "dist", "jsQR.js");
        throw new FileNotFoundException("No Ledger.sln above the test's base directory.");
    }

    const string DecodeQr = """
        async () => {
          const svg = document.querySelector('figure.qr svg');
          const xml = new XMLSerializer().serializeToString(svg);
          const image = new Image();
          await new Promise((resolve, reject) => {
            image.onload = resolve; image.onerror = reject;
            image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
          });
          const size = 480, margin = 40;
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = size + 2 * margin;
          const g = canvas.getContext('2d');
          g.fillStyle = '#fff'; g.fillRect(0, 0, canvas.width, canvas.height);
          g.imageSmoothingEnabled = false;
          g.drawImage(image, margin, margin, size, size);
          const pixels = g.getImageData(0, 0, canvas.width, canvas.height);
          const code = jsQR(pixels.data, pixels.width, pixels.height);
          return code ? code.data : null;
        }
        """;

    [Fact]
    public async Task a_registrar_signs_in_and_the_printed_certificate_has_a_qr_code_that_opens_its_check_page()
    {
        // The test reads the QR code with a decoder it injects into the page, which the page's own policy forbids.
        await using var context = await host.ContextAsync(options: new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        var path = $"/certificates/{host.Demo.ValidNumber}/print";

        await page.GotoAsync(path);
        new Uri(page.Url).AbsolutePath.ShouldBe("/signin");
        await page.Locator("textarea[name=token]").FillAsync(host.Token("registrar"));
        var signedIn = await page.RunAndWaitForResponseAsync(() => page.Locator("form button[type=submit]").ClickAsync(),
            r => r.Url.EndsWith("/signin", StringComparison.Ordinal) && r.Request.Method == "POST");
        signedIn.Status.ShouldBe(302);
        await page.WaitForURLAsync("**/print");

        (await page.Locator("[data-field=holder]").InnerTextAsync()).ShouldBe("Siti Rahayu");
        (await page.Locator("[data-field=number]").InnerTextAsync()).ShouldBe(host.Demo.ValidNumber);
        (await page.Locator("[data-field=blanko]").InnerTextAsync()).ShouldStartWith("BLK-");
        (await page.Locator("[data-field=scheme]").InnerTextAsync()).ShouldBe(DemoData.Scheme);
        (await page.Locator("ol.units li").AllInnerTextsAsync()).ShouldBe(["C.13BTK01.001.2", "C.13BTK01.002.2"]);
        (await context.CookiesAsync()).Single(c => c.Name == "ledger_token").HttpOnly.ShouldBeTrue();

        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = JsQr() });
        var decoded = await page.EvaluateAsync<string?>(DecodeQr);

        var expected = new Uri(host.BaseAddress, $"/check/{host.Demo.ValidNumber}").ToString();
        decoded.ShouldBe(expected);
        await page.GotoAsync(decoded!);
        (await page.Locator(".status-label").InnerTextAsync()).ShouldBe("BERLAKU");
    }

    [Fact]
    public async Task the_printed_page_is_an_a4_sheet_without_navigation()
    {
        await using var context = await host.ContextAsync("registrar");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/certificates/{host.Demo.ValidNumber}/print");

        (await page.Locator("header.site").IsVisibleAsync()).ShouldBeTrue();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        (await page.Locator("header.site").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("article.certificate").IsVisibleAsync()).ShouldBeTrue();
        var css = await (await context.APIRequest.GetAsync("/pages/site.css")).TextAsync();
        css.ShouldContain("@page { size: A4;");
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        pdf.Length.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public async Task without_a_token_the_page_leads_to_sign_in_and_with_another_role_it_is_a_403_page()
    {
        await using var anonymous = await host.ContextAsync();
        var page = await anonymous.NewPageAsync();
        await page.GotoAsync($"/certificates/{host.Demo.ValidNumber}/print");
        new Uri(page.Url).AbsolutePath.ShouldBe("/signin");

        await using var analyst = await host.ContextAsync("analyst");
        var refused = await analyst.NewPageAsync();
        var response = await refused.GotoAsync($"/certificates/{host.Demo.ValidNumber}/print");
        response!.Status.ShouldBe(403);
        (await refused.Locator("h1").InnerTextAsync()).ShouldBe("Not allowed");
        (await refused.ContentAsync()).ShouldNotContain("Siti Rahayu");
    }

    [Fact]
    public async Task the_sign_in_cookie_opens_pages_and_their_downloads_but_no_api()
    {
        await using var auditor = await host.ContextAsync("auditor");
        await using var analyst = await host.ContextAsync("analyst");

        (await auditor.APIRequest.GetAsync("/api/audit/events")).Status.ShouldBe(401);
        (await analyst.APIRequest.GetAsync("/api/analytics/national?format=csv")).Status.ShouldBe(401);
        (await analyst.APIRequest.GetAsync("/dashboard/csv/provinces?format=csv")).Status.ShouldBe(200);
        (await host.ApiClient("auditor").GetAsync("/api/audit/events")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}

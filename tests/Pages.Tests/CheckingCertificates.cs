using Ledger.Certifications;
using Microsoft.Playwright;

namespace Ledger.Pages.Tests;

/// <summary>The public certificate check in a real browser, in Indonesian and English, with and without JavaScript.</summary>
[Collection(PagesCollection.Name)]
public sealed class CheckingCertificates(PagesHost host)
{
    static string Mistyped(string number) => number[..^1] + (number[^1] == 'A' ? 'B' : 'A');

    [Theory]
    [InlineData("id", "BERLAKU", "Nama pemegang")]
    [InlineData("en", "VALID", "Holder")]
    public async Task a_valid_certificate_shows_its_status_large_and_green_with_the_masked_holder(string lang, string label, string holderLabel)
    {
        await using var context = await host.ContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync($"/check/{host.Demo.ValidNumber}?lang={lang}");

        response!.Status.ShouldBe(200);
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe(lang);
        var outcome = page.Locator("section.outcome");
        (await outcome.GetAttributeAsync("class"))!.ShouldContain("status-valid");
        (await page.Locator(".status-label").InnerTextAsync()).ShouldBe(label);
        (await page.Locator(".status-label").EvaluateAsync<string>("e => getComputedStyle(e).color")).ShouldBe("rgb(30, 125, 50)");
        (await page.Locator("dl.facts").InnerTextAsync()).ShouldContain(holderLabel);
        (await page.Locator("[data-field=holder]").InnerTextAsync()).ShouldBe("S***i R***u");
        (await page.Locator("[data-field=scheme]").InnerTextAsync()).ShouldBe(DemoData.Scheme);
        (await page.Locator("[data-field=lsp]").InnerTextAsync()).ShouldBe("LSPBATIK");
        (await page.Locator("[data-field=reason]").CountAsync()).ShouldBe(0);
        (await page.ContentAsync()).ShouldNotContain("Siti Rahayu");
    }

    [Theory]
    [InlineData("id", "DICABUT", "Alasan")]
    [InlineData("en", "REVOKED", "Reason")]
    public async Task a_revoked_certificate_shows_revoked_in_red_with_the_reason(string lang, string label, string reasonLabel)
    {
        await using var context = await host.ContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync($"/check/{host.Demo.RevokedNumber}?lang={lang}");

        response!.Status.ShouldBe(200);
        (await page.Locator("section.outcome").GetAttributeAsync("data-status")).ShouldBe("revoked");
        (await page.Locator("section.outcome").GetAttributeAsync("class"))!.ShouldContain("status-revoked");
        (await page.Locator(".status-label").InnerTextAsync()).ShouldBe(label);
        (await page.Locator(".status-label").EvaluateAsync<string>("e => getComputedStyle(e).color")).ShouldBe("rgb(198, 40, 40)");
        (await page.Locator("dl.facts").InnerTextAsync()).ShouldContain(reasonLabel);
        (await page.Locator("[data-field=reason]").InnerTextAsync()).ShouldBe(DemoData.RevocationReason);
    }

    [Theory]
    [InlineData("id", "salah ketik")]
    [InlineData("en", "mistyped")]
    public async Task a_mistyped_check_character_is_a_400_that_says_it_was_mistyped(string lang, string words)
    {
        await using var context = await host.ContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync($"/check/{Mistyped(host.Demo.ValidNumber)}?lang={lang}");

        response!.Status.ShouldBe(400);
        var problem = page.Locator("[data-outcome]");
        (await problem.GetAttributeAsync("data-outcome")).ShouldBe("bad-check");
        (await problem.InnerTextAsync()).ShouldContain(words);
        (await page.Locator("section.outcome").CountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("id", "bukan nomor sertifikat")]
    [InlineData("en", "is not a certificate number")]
    public async Task a_malformed_number_is_a_400_with_a_message_of_its_own(string lang, string words)
    {
        await using var context = await host.ContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync($"/check/BATIK-42?lang={lang}");

        response!.Status.ShouldBe(400);
        (await page.Locator("[data-outcome]").GetAttributeAsync("data-outcome")).ShouldBe("malformed");
        (await page.Locator("[data-outcome]").InnerTextAsync()).ShouldContain(words);
    }

    [Theory]
    [InlineData("id", "Tidak ada sertifikat")]
    [InlineData("en", "No certificate numbered")]
    public async Task an_unknown_number_is_a_404_told_apart_from_a_mistyped_one(string lang, string words)
    {
        await using var context = await host.ContextAsync();
        var page = await context.NewPageAsync();
        var unknown = new CertificateNumber("NOSUCHLSP", 2026, 7).ToString();

        var response = await page.GotoAsync($"/check/{unknown}?lang={lang}");

        response!.Status.ShouldBe(404);
        (await page.Locator("[data-outcome]").GetAttributeAsync("data-outcome")).ShouldBe("unknown");
        (await page.Locator("[data-outcome]").InnerTextAsync()).ShouldContain(words);
    }

    [Fact]
    public async Task the_check_works_without_javascript_from_the_form_to_the_english_toggle()
    {
        await using var context = await host.ContextAsync(options: new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/check");

        await page.Locator("input[name=number]").FillAsync(host.Demo.RevokedNumber.ToLowerInvariant());
        await page.Locator("form.check button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/check/*");

        new Uri(page.Url).AbsolutePath.ShouldBe($"/check/{host.Demo.RevokedNumber}");
        (await page.Locator(".status-label").InnerTextAsync()).ShouldBe("DICABUT");

        await page.Locator("a.lang").ClickAsync();
        await page.WaitForURLAsync("**lang=en");
        (await page.Locator(".status-label").InnerTextAsync()).ShouldBe("REVOKED");
        (await page.Locator("[data-field=reason]").InnerTextAsync()).ShouldBe(DemoData.RevocationReason);
    }

    [Fact]
    public async Task the_check_page_and_the_api_agree_on_a_certificate()
    {
        var api = await host.ApiClient(null).GetStringAsync($"/api/verify/{host.Demo.SerangNumber}");
        await using var context = await host.ContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/check/{host.Demo.SerangNumber}");

        api.ShouldContain("\"status\":\"valid\"");
        (await page.Locator("section.outcome").GetAttributeAsync("data-status")).ShouldBe("valid");
        api.ShouldContain($"\"holder\":\"{await page.Locator("[data-field=holder]").InnerTextAsync()}\"");
    }
}

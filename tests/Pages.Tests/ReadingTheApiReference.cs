using Microsoft.Playwright;

namespace Ledger.Pages.Tests;

/// <summary>Scalar's API reference at /docs in a real browser: it renders the document, takes a token, and stays on the app.</summary>
[Collection(PagesCollection.Name)]
public sealed class ReadingTheApiReference(PagesHost host)
{
    string Origin => host.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task the_reference_renders_the_operations_and_loads_nothing_from_outside_the_app()
    {
        await using var context = await host.ContextAsync();
        var requested = new List<string>();
        context.Request += (_, request) => requested.Add(request.Url);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/docs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registry", Exact = true }).ClickAsync();

        await page.GetByText("Enroll an artisan").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        (await page.TitleAsync()).ShouldBe("Batik certification ledger");
        requested.ShouldContain(Origin + "/openapi/v1.json");
        requested.ShouldAllBe(url => url.StartsWith(Origin + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_reference_answers_with_a_policy_that_keeps_it_on_the_app_and_out_of_frames()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var answer = await client.GetAsync("/docs/");

        answer.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("connect-src 'self'");
        answer.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        answer.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        answer.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
    }

    [Fact]
    public async Task a_bearer_token_entered_in_the_reference_is_sent_with_a_test_request()
    {
        await using var context = await host.ContextAsync();
        var page = await context.NewPageAsync();
        var token = host.Token("auditor");
        await page.GotoAsync("/docs");

        await page.GetByPlaceholder("Token").FillAsync(token);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit", Exact = true }).ClickAsync();
        await page.GetByText("Events across the ledger").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request (get /api/audit/events)" }).ClickAsync();
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync(),
            r => r.Url.StartsWith(Origin + "/api/audit/events", StringComparison.Ordinal));

        (await response.Request.HeaderValueAsync("authorization")).ShouldBe("Bearer " + token);
        response.Status.ShouldBe(200);
    }
}

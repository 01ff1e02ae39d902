using System.Net;
using Ledger.Api.Auth;
using Ledger.Api.Pages;
using Ledger.Api.Pages.SigningIn;

namespace Ledger.Api.Tests.Security;

/// <summary>What the pages answer with around their HTML, and where their sign-in cookie is accepted.</summary>
public sealed class ServingPages(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    HttpRequestMessage WithCookie(string path, string role)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{PageSession.CookieName}={api.Token(role)}");
        return request;
    }

    [Theory]
    [InlineData("/check")]
    [InlineData("/check/LSPBATIK-2026-000042-X")]
    [InlineData("/signin")]
    [InlineData("/dashboard")]
    [InlineData("/pages/site.css")]
    public async Task every_page_forbids_scripts_frames_sniffing_and_referrers(string path)
    {
        using var response = await api.ClientFor(null).SendAsync(WithCookie(path, LedgerRoles.Analyst));

        ((int)response.StatusCode).ShouldBeLessThan(500);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(PageSecurityHeaders.ContentSecurityPolicy);
        PageSecurityHeaders.ContentSecurityPolicy.ShouldContain("default-src 'none'");
        PageSecurityHeaders.ContentSecurityPolicy.ShouldContain("frame-ancestors 'none'");
        PageSecurityHeaders.ContentSecurityPolicy.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
    }

    [Fact]
    public async Task a_page_has_no_script_for_the_policy_to_block()
    {
        using var response = await api.ClientFor(null).SendAsync(WithCookie("/dashboard", LedgerRoles.Analyst));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain(" style=", Case.Insensitive);
        System.Text.RegularExpressions.Regex.IsMatch(html, @"\son[a-z]+\s*=").ShouldBeFalse("no inline event handler");
    }

    [Fact]
    public async Task the_sign_in_cookie_opens_the_dashboards_downloads_but_not_the_analytics_api()
    {
        using var api401 = await api.ClientFor(null).SendAsync(WithCookie("/api/analytics/regencies?format=csv", LedgerRoles.Analyst));
        await api401.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        using var download = await api.ClientFor(null).SendAsync(WithCookie("/dashboard/csv/regencies?pageSize=500&format=csv", LedgerRoles.Analyst));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await download.Content.ReadAsStringAsync()).ShouldStartWith("year,regencyCode,");

        using var registrar = await api.ClientFor(null).SendAsync(WithCookie("/dashboard/csv/regencies?format=csv", LedgerRoles.Registrar));
        registrar.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var anonymous = await api.ClientFor(null).GetAsync("/dashboard/csv/regencies?format=csv");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldStartWith("/signin?returnUrl=");
    }
}

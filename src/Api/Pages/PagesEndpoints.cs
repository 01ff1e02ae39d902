using Ledger.Api.Http;
using Ledger.Api.Pages.Check;
using Ledger.Api.Pages.Dashboard;
using Ledger.Api.Pages.Printing;
using Ledger.Api.Pages.SigningIn;
using Ledger.PersonalData;
using Marten;

namespace Ledger.Api.Pages;

/// <summary>
/// The HTML pages, outside <c>/api</c> and out of the OpenAPI document: the public certificate check, the printable
/// certificate and its credential (registrars), the check of a pasted credential, the dashboard and its CSV downloads
/// (analysts), sign-in and the stylesheet, each with the pages' security headers. Pages check roles themselves, so that
/// a missing token leads to the sign-in page rather than a bare 401.
/// </summary>
public static class PagesEndpoints
{
    public static IEndpointRouteBuilder MapLedgerPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").AllowAnonymous().ExcludeFromDescription().WithPageSecurityHeaders();
        pages.MapGet(PageAssets.StylesheetPath, PageAssets.Css);

        var check = pages.MapGroup("/check").AddEndpointFilter<VerificationBudgetFilter>();
        check.MapGet("", (string? number, string? lang) => CheckPage.Form(number, lang));
        check.MapGet("/{number}", CheckPage.Result);
        pages.MapGet(CredentialCheckPage.Path, CredentialCheckPage.Form);
        check.MapPost("/credential", CredentialCheckPage.Check).DisableAntiforgery();

        pages.MapGet("/certificates/{number}/print", (string number, HttpContext http, IQuerySession session, PersonalDataProtector protector,
            IConfiguration configuration, CancellationToken ct) =>
            PrintPage.Print(number, http, new PrintableCertificateQuery(session, protector), configuration, ct));
        pages.MapGet("/certificates/{number}/credential", CredentialDownload.Download);
        pages.MapGet("/dashboard", DashboardPage.Show);
        pages.MapGet("/dashboard/csv/{view}", DashboardDownloads.Download);

        pages.MapGet("/signin", (string? returnUrl, HttpContext http) => SignInPage.Show(returnUrl, http));
        pages.MapPost("/signin", SignInPage.SignIn).DisableAntiforgery();
        pages.MapGet("/signout", SignInPage.SignOut);
        return app;
    }
}

using Ledger.Api.Credentials;
using Ledger.Api.Pages.Html;

namespace Ledger.Api.Pages.Check;

/// <summary>
/// <c>/check/credential</c>: the public check of a pasted credential (the compact JWS a holder was given), a plain form
/// that works without JavaScript; the verdict is <see cref="CredentialVerifier"/>'s, as <c>POST /api/credentials/verify</c>
/// answers it, in Indonesian and English.
/// </summary>
public static class CredentialCheckPage
{
    public const string Path = "/check/credential";

    public static IResult Form() => PageLayout.Page(Render("", null));

    public static async Task<IResult> Check(HttpRequest request, CredentialVerifier verifier, TimeProvider time, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var pasted = form["credential"].ToString().Trim();
        if (pasted.Length == 0) return PageLayout.Page(Render("", null), StatusCodes.Status400BadRequest);
        var check = await verifier.CheckAsync(pasted, time.GetUtcNow(), ct);
        return PageLayout.Page(Render(pasted, check));
    }

    static string Label(string status) => status switch
    {
        CredentialVerdicts.Valid => "BERLAKU / VALID",
        CredentialVerdicts.Revoked => "DICABUT / REVOKED",
        CredentialVerdicts.Frozen => "DIBEKUKAN / FROZEN",
        CredentialVerdicts.Expired => "KEDALUWARSA / EXPIRED",
        _ => "TIDAK SAH / INVALID",
    };

    static string Render(string pasted, CredentialCheck? check) =>
        PageLayout.Render("id", "Cek kredensial / Check a credential", w =>
        {
            w.Element("h1", "Cek kredensial digital / Check a digital credential")
                .Element("p", "Tempel kredensial (application/vc+jwt) yang diberikan pemegang sertifikat. / Paste the credential the certificate's holder gave you.")
                .Open("form", ("method", "post"), ("action", Path), ("class", "check"))
                .Element("label", "Kredensial / Credential", ("for", "credential"))
                .Element("textarea", pasted, ("id", "credential"), ("name", "credential"), ("rows", 8), ("required", true), ("spellcheck", "false"))
                .Element("button", "Periksa / Check", ("type", "submit"))
                .Close("form");
            if (check is null) return;
            w.Open("section", ("class", $"outcome credential-{check.Status}"), ("data-status", check.Status))
                .Element("p", Label(check.Status), ("class", "status-label"));
            if (check.CertificateNumber is { } number)
                w.Open("p", ("class", "number")).Element("a", number, ("href", CheckPage.PathFor(number))).Close("p");
            w.Element("p", check.Reason, ("data-field", "reason")).Close("section");
        }, "check", nav: w => w.Element("a", "Cek nomor sertifikat / Check a certificate number", ("href", "/check")));
}

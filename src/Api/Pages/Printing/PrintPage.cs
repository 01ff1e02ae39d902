using Ledger.Domain;
using Ledger.Api.Auth;
using Ledger.Api.Pages.Check;
using Ledger.Api.Pages.Html;
using Ledger.Api.Pages.SigningIn;
using Ledger.Certifications;

namespace Ledger.Api.Pages.Printing;

/// <summary>
/// <c>/certificates/{number}/print</c> (registrars): the certificate on an A4 sheet with the holder's full name,
/// scheme and units, LSP, number, blanko number, validity and a QR code of its check page's absolute URL.
/// </summary>
public static class PrintPage
{
    public static async Task<IResult> Print(string number, HttpContext http, PrintableCertificateQuery query, IConfiguration configuration, CancellationToken ct)
    {
        if (await PageSession.RequireAsync(http, LedgerRoles.Registrar) is { } refused) return refused;
        if (!CertificateNumber.TryParse(number, out var parsed, out _))
            return PageLayout.Page(PageLayout.Render("en", "Not a certificate number", w => w
                .Element("h1", "Not a certificate number")
                .Element("p", $"'{number}' is not a valid certificate number.", ("class", "error"))), StatusCodes.Status400BadRequest);
        if (await query.FindAsync(parsed, ct) is not { } c)
            return PageLayout.Page(PageLayout.Render("en", "Unknown certificate", w => w
                .Element("h1", "Unknown certificate")
                .Element("p", $"No certificate numbered {parsed} has been issued.", ("class", "error"))), StatusCodes.Status404NotFound);

        var checkUrl = PublicBaseUrl(http, configuration) + CheckPage.PathFor(c.Number);
        return PageLayout.Page(PageLayout.Render("id", $"Sertifikat {c.Number}", w =>
        {
            w.Open("article", ("class", "certificate"), ("data-number", c.Number));
            if (c.Status != CertificateStatus.Valid)
                w.Element("p", $"Status: {StatusWords<CertificateStatus>.Of(c.Status)}. Lihat halaman cek untuk status terkini.", ("class", "print-warning"));
            w.Element("p", c.IssuingLsp, ("class", "issuer"))
                .Element("h1", "Sertifikat Kompetensi")
                .Element("p", "Certificate of Competence", ("class", "subtitle"))
                .Element("p", "Diberikan kepada / Awarded to", ("class", "awarded"))
                .Element("p", c.HolderName ?? "(data pribadi telah dihapus / personal data erased)", ("class", "holder"), ("data-field", "holder"))
                .Element("p", c.BusinessName, ("class", "business"))
                .Element("p", "telah kompeten pada skema / is competent in the scheme", ("class", "awarded"))
                .Element("p", c.Scheme, ("class", "scheme"), ("data-field", "scheme"))
                .Open("ol", ("class", "units"));
            foreach (var unit in c.Units) w.Element("li", unit);
            w.Close("ol").Open("dl", ("class", "facts"))
                .Element("dt", "Nomor sertifikat / Certificate number").Element("dd", c.Number, ("data-field", "number"))
                .Element("dt", "Nomor blanko / Blanko number").Element("dd", c.BlankoNumber, ("data-field", "blanko"))
                .Element("dt", "LSP penerbit / Issuing LSP").Element("dd", c.IssuingLsp, ("data-field", "lsp"))
                .Element("dt", "Berlaku / Valid").Element("dd", $"{c.ValidFrom:yyyy-MM-dd} – {c.ValidUntil:yyyy-MM-dd}", ("data-field", "validity"))
                .Close("dl")
                .Open("figure", ("class", "qr"), ("data-url", checkUrl))
                .Trusted(QrCodeSvg.For(checkUrl))
                .Element("figcaption", checkUrl)
                .Close("figure")
                .Close("article");
        }, "print", nav: w => w
            .Element("span", "Cetak dengan Ctrl+P / print with Ctrl+P", ("class", "hint"))
            .Element("a", "Unduh kredensial digital / Download the digital credential", ("href", CredentialDownload.PathFor(c.Number)), ("class", "credential"))
            .Element("a", "Keluar / Sign out", ("href", "/signout"))));
    }

    /// <summary><c>Ledger:PublicBaseUrl</c> when configured (behind a proxy), else the request's own scheme and host.</summary>
    public static string PublicBaseUrl(HttpContext http, IConfiguration configuration) =>
        configuration["Ledger:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}";
}

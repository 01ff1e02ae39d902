using System.Globalization;
using Ledger.Api.Pages.Html;
using Ledger.Certifications;
using Ledger.Projections.Training;
using Ledger.Projections.Verification;
using Ledger.Training;

namespace Ledger.Api.Pages.Check;

/// <summary>
/// <c>/check</c> and <c>/check/{number}</c>: the public certificate check, a plain GET form that works without
/// JavaScript. It reads the verification view through the same <see cref="VerificationQuery"/> as
/// <c>GET /api/verify/{number}</c>; a malformed and a mistyped number are 400, each with its own message, an unknown one 404.
/// A centre's training certificate number is answered as a training certificate, saying it is not a competency certificate.
/// </summary>
public static class CheckPage
{
    /// <summary>The form; a submitted number is sent on to its own URL.</summary>
    public static IResult Form(string? number, string? lang)
    {
        var texts = CheckTexts.For(lang);
        if (!string.IsNullOrWhiteSpace(number))
            return TypedResults.Redirect(UrlFor(
                CertificateNumber.TryParse(number, out var parsed, out _) ? parsed.ToString()
                : TrainingCertificateNumber.TryParse(number, out var training) ? training.ToString() : number.Trim(), texts.Lang));
        return PageLayout.Page(Render(texts, "", null, w => w.Element("p", texts.Intro)));
    }

    public static async Task<IResult> Result(string number, string? lang, VerificationQuery query, TrainingCertificatesQuery trainings, CancellationToken ct)
    {
        var texts = CheckTexts.For(lang);
        var typed = number.Trim();
        if (TrainingCertificateNumber.TryParse(typed, out var trainingNumber))
            return await trainings.FindAsync(trainingNumber, ct) is { } training
                ? PageLayout.Page(Render(texts, training.Number, training.Number, w => Training(w, texts, training)))
                : PageLayout.Page(Render(texts, trainingNumber.ToString(), trainingNumber.ToString(),
                    Problem("unknown", string.Format(CultureInfo.InvariantCulture, texts.Unknown, trainingNumber))), StatusCodes.Status404NotFound);
        if (!CertificateNumber.TryParse(typed, out var parsed, out var error))
        {
            var (kind, message) = error == CertificateNumberError.BadCheckCharacter
                ? ("bad-check", texts.BadCheck)
                : ("malformed", texts.Malformed);
            return PageLayout.Page(Render(texts, typed, typed, Problem(kind, string.Format(CultureInfo.InvariantCulture, message, typed))),
                StatusCodes.Status400BadRequest);
        }

        if (await query.FindAsync(parsed, ct) is not { } found)
            return PageLayout.Page(Render(texts, parsed.ToString(), parsed.ToString(),
                Problem("unknown", string.Format(CultureInfo.InvariantCulture, texts.Unknown, parsed))), StatusCodes.Status404NotFound);

        return PageLayout.Page(Render(texts, found.CertificateNumber, found.CertificateNumber, w => Certificate(w, texts, found)));
    }

    /// <summary>The check page's path for a number (what the QR code encodes, made absolute).</summary>
    public static string PathFor(string number) => "/check/" + Uri.EscapeDataString(number);

    static string UrlFor(string number, string lang) => PathFor(number) + (lang == "en" ? "?lang=en" : "");

    static Action<HtmlWriter> Problem(string kind, string message) => w =>
        w.Element("p", message, ("class", $"outcome problem {kind}"), ("role", "alert"), ("data-outcome", kind));

    static void Certificate(HtmlWriter w, CheckTexts t, CertificateVerification c)
    {
        w.Open("section", ("class", $"outcome status-{c.Status}"), ("data-status", c.Status))
            .Element("p", t.StatusLabel(c.Status), ("class", "status-label"))
            .Element("p", c.CertificateNumber, ("class", "number"))
            .Open("dl", ("class", "facts"));
        Row(w, t.Holder, c.Holder ?? t.HolderErased, "holder");
        Row(w, t.Scheme, c.Scheme, "scheme");
        Row(w, t.Lsp, c.IssuingLsp, "lsp");
        Row(w, t.IssuedOn, Date(c.IssuedOn, t), "issued-on");
        Row(w, t.ValidUntil, Date(c.ValidUntil, t), "valid-until");
        if (c.Reason is { Length: > 0 } reason) Row(w, t.Reason, reason, "reason");
        w.Close("dl").Close("section");
    }

    static void Training(HtmlWriter w, CheckTexts t, TrainingCertificateVerification c)
    {
        w.Open("section", ("class", "outcome training"), ("data-status", "training"))
            .Element("p", t.TrainingLabel, ("class", "status-label"))
            .Element("p", c.Number, ("class", "number"))
            .Element("p", t.TrainingNotCompetency, ("class", "note"), ("data-field", "not-competency"))
            .Open("dl", ("class", "facts"));
        Row(w, t.Centre, c.CentreName, "centre");
        Row(w, t.Field, c.Field, "field");
        Row(w, t.Partner, c.PartnerName, "partner");
        Row(w, t.CompletedOn, Date(c.CompletedOn, t), "completed-on");
        w.Close("dl").Close("section");
    }

    static void Row(HtmlWriter w, string label, string value, string field) =>
        w.Element("dt", label).Element("dd", value, ("data-field", field));

    /// <summary>Month names spelled out, independent of the host's installed cultures.</summary>
    static string Date(DateOnly date, CheckTexts t) => $"{date.Day} {t.Months[date.Month - 1]} {date.Year}";

    static string Render(CheckTexts t, string value, string? number, Action<HtmlWriter> result) =>
        PageLayout.Render(t.Lang, t.Title, w =>
        {
            w.Element("h1", t.Title);
            w.Open("form", ("method", "get"), ("action", "/check"), ("class", "check"))
                .Element("label", t.NumberLabel, ("for", "number"))
                .Element("input", null, ("id", "number"), ("name", "number"), ("value", value), ("required", true),
                    ("autocapitalize", "characters"), ("autocomplete", "off"), ("spellcheck", "false"), ("placeholder", t.Example))
                .Element("input", null, ("type", "hidden"), ("name", "lang"), ("value", t.Lang))
                .Element("button", t.Submit, ("type", "submit"))
                .Close("form");
            result(w);
        }, "check", nav: w =>
        {
            var other = t.Lang == "en" ? "id" : "en";
            var path = number is null ? "/check" : PathFor(number);
            w.Element("a", t.OtherLanguage, ("href", $"{path}?lang={other}"), ("class", "lang"), ("hreflang", other), ("lang", other))
                .Element("a", t.CheckCredential, ("href", CredentialCheckPage.Path), ("class", "credential"));
        });
}

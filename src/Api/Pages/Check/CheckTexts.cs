namespace Ledger.Api.Pages.Check;

/// <summary>The certificate check's words, in Indonesian (the default) and English.</summary>
public sealed record CheckTexts(
    string Lang, string Title, string Intro, string NumberLabel, string Submit, string Example,
    string Valid, string Frozen, string Revoked, string Expired,
    string Holder, string HolderErased, string Scheme, string Lsp, string IssuedOn, string ValidUntil, string Reason,
    string Malformed, string BadCheck, string Unknown, string OtherLanguage, string CheckCredential)
{
    public static readonly CheckTexts Indonesian = new("id",
        "Cek Sertifikat Kompetensi", "Masukkan nomor sertifikat untuk memeriksa keabsahannya.", "Nomor sertifikat", "Periksa",
        "Contoh: LSPBATIK-2026-000042-X",
        "BERLAKU", "DIBEKUKAN", "DICABUT", "KEDALUWARSA",
        "Nama pemegang", "(data pribadi telah dihapus)", "Skema", "LSP penerbit", "Tanggal terbit", "Berlaku sampai", "Alasan",
        "'{0}' bukan nomor sertifikat. Formatnya LSP-TTTT-NNNNNN-K, misalnya LSPBATIK-2026-000042-X.",
        "Karakter pemeriksa pada '{0}' tidak cocok dengan nomor lainnya: kemungkinan salah ketik. Periksa kembali nomor pada sertifikat.",
        "Tidak ada sertifikat bernomor {0} yang pernah diterbitkan.",
        "English", "Cek kredensial digital");

    public static readonly CheckTexts English = new("en",
        "Certificate of Competence Check", "Enter a certificate number to check that it is genuine and in force.", "Certificate number", "Check",
        "Example: LSPBATIK-2026-000042-X",
        "VALID", "FROZEN", "REVOKED", "EXPIRED",
        "Holder", "(personal data erased)", "Scheme", "Issuing LSP", "Issued on", "Valid until", "Reason",
        "'{0}' is not a certificate number. The format is LSP-YYYY-NNNNNN-C, e.g. LSPBATIK-2026-000042-X.",
        "The check character of '{0}' does not match the rest of the number: it was probably mistyped. Check the number on the certificate again.",
        "No certificate numbered {0} has been issued.",
        "Bahasa Indonesia", "Check a digital credential");

    static readonly string[] IndonesianMonths =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public IReadOnlyList<string> Months => Lang == "en" ? EnglishMonths : IndonesianMonths;

    public static CheckTexts For(string? lang) => lang == "en" ? English : Indonesian;

    /// <summary>What a centre's training certificate is, on the check page.</summary>
    public string TrainingLabel => Lang == "en" ? "Training certificate" : "Sertifikat pelatihan";

    public string TrainingNotCompetency => Lang == "en"
        ? "This is a training centre's certificate of completed training. It is not a competency certificate: competency certificates are issued by a certification body (LSP) under BNSP."
        : "Ini sertifikat pelatihan dari balai pelatihan. Ini bukan sertifikat kompetensi: sertifikat kompetensi diterbitkan oleh LSP di bawah BNSP.";

    public string Centre => Lang == "en" ? "Training centre" : "Balai pelatihan";

    public string Field => Lang == "en" ? "Field" : "Bidang";

    public string Partner => Lang == "en" ? "Partner" : "Mitra";

    public string CompletedOn => Lang == "en" ? "Completed on" : "Selesai pada";

    public string StatusLabel(string status) => status switch
    {
        "valid" => Valid,
        "frozen" => Frozen,
        "revoked" => Revoked,
        _ => Expired,
    };
}

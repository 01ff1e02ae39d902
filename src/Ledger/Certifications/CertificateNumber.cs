using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Ledger.Certifications;

/// <summary>
/// A certificate number: <c>{LSP}-{YYYY}-{NNNNNN}-{C}</c>, e.g. <c>LSPBATIK-2026-000042-7</c>: the issuing
/// LSP's code (2-12 letters or digits), the year of issue, a serial that starts at 000001 each year for
/// each LSP, and a check character (ISO 7064 MOD 37,36 over the LSP code, year and serial, as 0-9 or A-Z)
/// that catches any single mistyped character and most swapped neighbours.
/// </summary>
public sealed partial record CertificateNumber
{
    const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public CertificateNumber(string lspCode, int year, int serial)
    {
        if (!LspPattern().IsMatch(lspCode)) throw new ArgumentException($"'{lspCode}' is not an LSP code: 2 to 12 capital letters or digits.", nameof(lspCode));
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999_999);
        (LspCode, Year, Serial) = (lspCode, year, serial);
        var withoutCheck = $"{lspCode}-{year:D4}-{serial:D6}";
        CheckCharacter = CheckOf(withoutCheck);
        text = $"{withoutCheck}-{CheckCharacter}";
    }

    readonly string text;

    public string LspCode { get; }
    public int Year { get; }
    public int Serial { get; }
    public char CheckCharacter { get; }

    public override string ToString() => text;

    /// <summary>Reads a number as typed (any case, surrounding spaces allowed).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CertificateNumber? number, out CertificateNumberError error)
    {
        number = null;
        var typed = text?.Trim().ToUpperInvariant() ?? "";
        // The pattern fixes the widths right of the LSP code: YYYY-NNNNNN-C is the last 13 characters.
        var serial = Pattern().IsMatch(typed) ? int.Parse(typed.AsSpan(typed.Length - 8, 6)) : 0;
        if (serial == 0)
        {
            error = CertificateNumberError.Malformed;
            return false;
        }
        var candidate = new CertificateNumber(typed[..^14], int.Parse(typed.AsSpan(typed.Length - 13, 4)), serial);
        if (candidate.CheckCharacter != typed[^1])
        {
            error = CertificateNumberError.BadCheckCharacter;
            return false;
        }
        (number, error) = (candidate, CertificateNumberError.None);
        return true;
    }

    /// <summary>Why <paramref name="text"/> is refused as a certificate number, in a sentence a person can act on.</summary>
    public static string Refusal(string? text, CertificateNumberError error) => error == CertificateNumberError.BadCheckCharacter
        ? $"The check character of '{text?.Trim()}' does not match the rest of the number: it was probably mistyped."
        : $"'{text?.Trim()}' is not a certificate number: expected LSP-YYYY-NNNNNN-C, e.g. LSPBATIK-2026-000042-X.";

    public static CertificateNumber Parse(string text) =>
        TryParse(text, out var number, out var error)
            ? number
            : throw new FormatException(error == CertificateNumberError.BadCheckCharacter
                ? $"'{text}' has a wrong check character: it was probably mistyped."
                : $"'{text}' is not a certificate number (expected e.g. LSPBATIK-2026-000042-7).");

    /// <summary>ISO 7064 hybrid system MOD 37,36 over the number's letters and digits.</summary>
    static char CheckOf(string number)
    {
        const int m = 36;
        var p = m;
        foreach (var c in number)
        {
            if (c == '-') continue;
            var s = (p + Alphabet.IndexOf(c)) % m;
            if (s == 0) s = m;
            p = s * 2 % (m + 1);
        }
        return Alphabet[(m + 1 - p) % m];
    }

    [GeneratedRegex("^[A-Z0-9]{2,12}$")]
    private static partial Regex LspPattern();

    [GeneratedRegex("^[A-Z0-9]{2,12}-[1-9][0-9]{3}-[0-9]{6}-[0-9A-Z]$")]
    private static partial Regex Pattern();
}

/// <summary>Why a typed certificate number was not accepted.</summary>
public enum CertificateNumberError { None, Malformed, BadCheckCharacter }

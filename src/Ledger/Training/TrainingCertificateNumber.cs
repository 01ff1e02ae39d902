using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Training;

/// <summary>
/// The number of a centre's training certificate: <c>PELATIHAN-{YYYY}-{PROGRAMME}-{NNNN}</c>, e.g.
/// <c>PELATIHAN-2024-1A2B3C4D-0007</c>: the word for training, the programme's year, the first eight hexadecimal digits of
/// the programme's id and the participant's serial in the programme. Its shape cannot be read as a competency certificate
/// number (<c>{LSP}-{YYYY}-{NNNNNN}-{C}</c>, <see cref="Certifications.CertificateNumber"/>), which only an LSP issues.
/// </summary>
public sealed partial record TrainingCertificateNumber(int Year, string Programme, int Serial)
{
    public const string Prefix = "PELATIHAN";

    public static TrainingCertificateNumber For(Guid programmeId, int year, int serial) =>
        new(year, programmeId.ToString("N")[..8].ToUpperInvariant(), serial);

    public override string ToString() => $"{Prefix}-{Year:D4}-{Programme}-{Serial:D4}";

    /// <summary>Reads a number as typed (any case, surrounding spaces allowed); false for anything else, a competency certificate number included.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out TrainingCertificateNumber? number)
    {
        number = null;
        var match = Pattern().Match(text?.Trim().ToUpperInvariant() ?? "");
        if (!match.Success) return false;
        number = new TrainingCertificateNumber(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value,
            int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        return true;
    }

    [GeneratedRegex("^PELATIHAN-([1-9][0-9]{3})-([0-9A-F]{8})-([0-9]{4})$")]
    private static partial Regex Pattern();
}

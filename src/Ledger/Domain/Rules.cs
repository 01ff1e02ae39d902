using System.Text.RegularExpressions;

namespace Ledger.Domain;

/// <summary>Checks of a command's form, each failing with a message a registrar can act on.</summary>
public static partial class Rules
{
    public static void Require(bool condition, string message)
    {
        if (!condition) throw new DomainException(message);
    }

    public static string Text(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new DomainException($"{what} is required.");
        return value.Trim();
    }

    public static void Actor(ICommand command)
    {
        if (string.IsNullOrWhiteSpace(command.Actor)) throw new DomainException("Every command must name the registrar who gives it.");
        if (command.At == default) throw new DomainException("Every command must carry the moment it acts at.");
    }

    /// <summary>
    /// A regency code of the Ministry of Home Affairs: <c>PP.KK</c>, two digits, a dot, two digits (e.g. <c>35.23</c>),
    /// on the official list (<see cref="Regencies.OfficialRegencies"/>).
    /// </summary>
    public static string RegencyCode(string? value)
    {
        var code = value?.Trim() ?? "";
        if (!RegencyPattern().IsMatch(code))
            throw new DomainException($"'{value}' is not a regency code: write it as PP.KK, e.g. 35.23 for Kabupaten Tuban.");
        if (!Regencies.OfficialRegencies.Contains(code))
            throw new DomainException($"No regency or city has the code {code} on the official list (Kepmendagri No. 300.2.2-2138 Tahun 2025).");
        return code;
    }

    /// <summary>A scheme code such as <c>PEMBATIK-TULIS</c>.</summary>
    public static string SchemeCode(string? value) => Text(value, "The certification scheme").ToUpperInvariant();

    public static bool IsRegencyCode(string? value) => value is not null && RegencyPattern().IsMatch(value);

    [GeneratedRegex(@"^\d{2}\.\d{2}$")]
    private static partial Regex RegencyPattern();
}

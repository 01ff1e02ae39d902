using System.Collections.Frozen;

namespace Ledger.Regencies;

/// <summary>
/// The official list of Indonesia's regencies and cities (Kepmendagri No. 300.2.2-2138 Tahun 2025), compiled into the
/// ledger from <c>regencies.csv</c> beside this file (its source and licence are in the README there).
/// </summary>
public static class OfficialRegencies
{
    const string Resource = "Ledger.Regencies.regencies.csv";

    static readonly Lazy<FrozenDictionary<string, string>> Names = new(() =>
    {
        using var csv = Open();
        csv.ReadLine();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.ReadLine() is { } line)
            if (line.Split(',') is [var code, var name, ..]) names[code.Trim()] = name.Trim();
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    });

    static readonly Lazy<FrozenDictionary<string, string>> Provinces = new(() =>
    {
        using var csv = Open();
        csv.ReadLine();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.ReadLine() is { } line)
            if (line.Split(',') is [_, _, _, var code, var name, ..]) names[code.Trim()] = name.Trim();
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    });

    /// <summary>How many regencies and cities the list holds.</summary>
    public static int Count => Names.Value.Count;

    /// <summary>Whether <paramref name="code"/> (<c>PP.KK</c>) is on the list.</summary>
    public static bool Contains(string code) => Names.Value.ContainsKey(code);

    /// <summary>The name of the regency or city <paramref name="code"/> (<c>PP.KK</c>), or null when it is not on the list.</summary>
    public static string? NameOf(string code) => Names.Value.GetValueOrDefault(code);

    /// <summary>Whether <paramref name="code"/> (<c>PP</c>, two digits) is a province on the list.</summary>
    public static bool ContainsProvince(string code) => Provinces.Value.ContainsKey(code);

    /// <summary>The name of the province <paramref name="code"/> (<c>PP</c>), or null when it is not on the list.</summary>
    public static string? ProvinceNameOf(string code) => Provinces.Value.GetValueOrDefault(code);

    /// <summary>The list as CSV (<c>code,name,kind,province_code,province_name</c>), for loading into the database.</summary>
    public static StreamReader Open() =>
        new(typeof(OfficialRegencies).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The official regency list ({Resource}) is not compiled into the ledger."));
}

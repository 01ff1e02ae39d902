using System.Globalization;
using Ledger.Artisans;
using Ledger.Domain;
using Ledger.Marten;

namespace Ledger.Certifications;

/// <summary>
/// A paper register of certifications as a CSV file (UTF-8, a header line, then one row per certification): each row
/// records one artisan's whole certification in one scheme with the day each fact happened. The columns, by the names of
/// the header (in any order):
/// <list type="bullet">
/// <item>required: <c>nik, name, gender, birth_year, regency, business, scheme, enrolled_on, assessed_on, assessor, site,
/// units, verdict, panel, decided_on, issued_on, lsp, blanko</c>;</item>
/// <item>optional: <c>registered_on, accepted_on, evidence, paper_number, handed_over_on, handover_official, handover_place</c>.</item>
/// </list>
/// A field may be quoted (<c>"Pendopo, Jombang"</c>, a quote doubled inside); a quoted field does not span lines.
/// </summary>
public sealed class PaperRegister
{
    public static readonly IReadOnlyList<string> RequiredColumns =
    [
        "nik", "name", "gender", "birth_year", "regency", "business", "scheme", "enrolled_on", "assessed_on", "assessor", "site",
        "units", "verdict", "panel", "decided_on", "issued_on", "lsp", "blanko",
    ];

    public static readonly IReadOnlyList<string> OptionalColumns =
        ["registered_on", "accepted_on", "evidence", "paper_number", "handed_over_on", "handover_official", "handover_place"];

    /// <summary>The header and one example row, as the README and the API reference show them.</summary>
    public const string Example =
        "nik,name,gender,birth_year,regency,business,scheme,enrolled_on,assessed_on,assessor,site,units,verdict,panel,decided_on,issued_on,lsp,blanko,paper_number,handed_over_on,handover_official,handover_place\n" +
        "3517014101850001,Siti Rahayu,F,1985,35.17,IKM Batik Jombang,PEMBATIK-TULIS,2022-08-01,2022-08-04,Budi Santoso,TUK Sewaktu Jombang,C.13BTK01.001.2;C.13BTK01.002.2,K,Rina Wati;Agus Salim,2022-08-10,2022-12-20,LSPBATIK,BLK-2022-17,LSP-BTK/2022/117,2023-01-26,Bupati Jombang,Pendopo Kabupaten Jombang\n";

    PaperRegister(IReadOnlyList<PaperRegisterRow> rows, string digest) => (Rows, Digest) = (rows, digest);

    /// <summary>Every row under the header, each with its line number in the file.</summary>
    public IReadOnlyList<PaperRegisterRow> Rows { get; }

    /// <summary>The SHA-256 of the file's text (its first 16 hex digits), recorded with what it imported.</summary>
    public string Digest { get; }

    /// <summary>Reads the register; <see cref="PaperRegisterException"/> when the file itself is malformed (empty, a header without a required column).</summary>
    public static PaperRegister Parse(string text)
    {
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var headerIndex = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerIndex < 0) throw new EmptyPaperRegisterException();
        if (!TrySplit(lines[headerIndex].TrimEnd('\r'), out var header))
            throw new PaperRegisterException($"Line {headerIndex + 1}: the header has an unclosed quote.");
        var names = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = RequiredColumns.Where(c => !names.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new PaperRegisterException($"The header lacks the column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)}; " +
                $"a paper register's header names {string.Join(",", RequiredColumns)} (and optionally {string.Join(",", OptionalColumns)}).");
        var unknown = names.Where(n => !RequiredColumns.Contains(n) && !OptionalColumns.Contains(n)).ToArray();
        if (unknown.Length > 0)
            throw new PaperRegisterException($"The header names column{(unknown.Length > 1 ? "s" : "")} a paper register does not have: {string.Join(", ", unknown)}.");
        var twice = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (twice.Length > 0) throw new PaperRegisterException($"The header names {string.Join(", ", twice)} more than once.");

        var rows = new List<PaperRegisterRow>();
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            rows.Add(PaperRegisterRow.Read(i + 1, line, names));
        }
        return new PaperRegister(rows, digest);
    }

    /// <summary>Splits one line into its fields; false when a quote is left open.</summary>
    internal static bool TrySplit(string line, out List<string> fields)
    {
        fields = [];
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return !quoted;
    }
}

/// <summary>One row of a paper register, read into the commands' terms; <see cref="Problem"/> says why it cannot be read when it cannot.</summary>
public sealed record PaperRegisterRow(int Line)
{
    public string? Problem { get; init; }
    public string Nik { get; init; } = "";
    public string Name { get; init; } = "";
    public Gender Gender { get; init; }
    public int BirthYear { get; init; }
    public string Regency { get; init; } = "";
    public string Business { get; init; } = "";
    public string Scheme { get; init; } = "";
    public DateOnly? RegisteredOn { get; init; }
    public DateOnly EnrolledOn { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    public DateOnly AssessedOn { get; init; }
    public string Assessor { get; init; } = "";
    public string Site { get; init; } = "";
    public IReadOnlyList<string> Units { get; init; } = [];
    public EvidenceMethod Evidence { get; init; }
    public Competence Verdict { get; init; }
    public IReadOnlyList<string> Panel { get; init; } = [];
    public DateOnly DecidedOn { get; init; }
    public DateOnly IssuedOn { get; init; }
    public string Lsp { get; init; } = "";
    public string Blanko { get; init; } = "";
    public string? PaperNumber { get; init; }
    public DateOnly? HandedOverOn { get; init; }
    public string? HandoverOfficial { get; init; }
    public string? HandoverPlace { get; init; }

    /// <summary>Whether the row records a handover (all three of its columns given).</summary>
    public bool HandedOver => HandedOverOn is not null;

    internal static PaperRegisterRow Read(int line, string text, string[] columns)
    {
        if (StorableText.FindUnstorable(text) >= 0)
            return new(line) { Problem = "The row has a character the ledger cannot store (NUL)." };
        if (!PaperRegister.TrySplit(text, out var fields))
            return new(line) { Problem = "The row has an unclosed quote." };
        if (fields.Count != columns.Length)
            return new(line) { Problem = $"The row has {fields.Count} fields; the header has {columns.Length}." };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++) values[columns[i]] = fields[i].Trim();
        string Get(string column) => values.GetValueOrDefault(column) ?? "";
        string? Optional(string column) => Get(column) is { Length: > 0 } v ? v : null;
        try
        {
            var handover = new[] { "handed_over_on", "handover_official", "handover_place" }.Where(c => Optional(c) is not null).ToArray();
            if (handover.Length is 1 or 2)
                throw new FormatException("A handover needs all of handed_over_on, handover_official and handover_place; or none of them.");
            return new PaperRegisterRow(line)
            {
                Nik = Get("nik"),
                Name = Get("name"),
                Gender = GenderOf(Get("gender")),
                BirthYear = int.TryParse(Get("birth_year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                    ? year : throw new FormatException($"Column birth_year: '{Get("birth_year")}' is not a year."),
                Regency = Get("regency"),
                Business = Get("business"),
                Scheme = Get("scheme"),
                RegisteredOn = OptionalDay(Optional("registered_on"), "registered_on"),
                EnrolledOn = Day(Get("enrolled_on"), "enrolled_on"),
                AcceptedOn = OptionalDay(Optional("accepted_on"), "accepted_on"),
                AssessedOn = Day(Get("assessed_on"), "assessed_on"),
                Assessor = Get("assessor"),
                Site = Get("site"),
                Units = List(Get("units")),
                Evidence = EvidenceOf(Optional("evidence")),
                Verdict = VerdictOf(Get("verdict")),
                Panel = List(Get("panel")),
                DecidedOn = Day(Get("decided_on"), "decided_on"),
                IssuedOn = Day(Get("issued_on"), "issued_on"),
                Lsp = Get("lsp"),
                Blanko = Get("blanko"),
                PaperNumber = Optional("paper_number"),
                HandedOverOn = OptionalDay(Optional("handed_over_on"), "handed_over_on"),
                HandoverOfficial = Optional("handover_official"),
                HandoverPlace = Optional("handover_place"),
            };
        }
        catch (FormatException e)
        {
            return new(line) { Problem = e.Message };
        }
    }

    static IReadOnlyList<string> List(string text) => [.. text.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0)];

    static DateOnly Day(string text, string column) =>
        text.Length == 0 ? throw new FormatException($"Column {column} is empty: each row gives the day each fact happened (yyyy-MM-dd).")
        : OptionalDay(text, column)!.Value;

    static DateOnly? OptionalDay(string? text, string column) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new FormatException($"Column {column}: '{text}' is not a day (yyyy-MM-dd).");

    static Gender GenderOf(string text) => text.ToUpperInvariant() switch
    {
        "F" or "P" or "FEMALE" or "PEREMPUAN" => Gender.Female,
        "M" or "L" or "MALE" or "LAKI-LAKI" => Gender.Male,
        _ => throw new FormatException($"Column gender: '{text}' is not F or M (P or L)."),
    };

    static Competence VerdictOf(string text) => text.ToUpperInvariant() switch
    {
        "K" => Competence.Competent,
        "BK" => Competence.NotYetCompetent,
        _ => throw new FormatException($"Column verdict: '{text}' is not K (kompeten) or BK (belum kompeten)."),
    };

    static EvidenceMethod EvidenceOf(string? text) => text?.ToLowerInvariant() switch
    {
        null or "portfolio" => EvidenceMethod.Portfolio,
        "observation" => EvidenceMethod.Observation,
        "test" => EvidenceMethod.Test,
        _ => throw new FormatException($"Column evidence: '{text}' is not portfolio, observation or test."),
    };
}

/// <summary>The file is not a paper register (a header without a required column, say): nothing in it was read (HTTP 422).</summary>
public class PaperRegisterException(string message) : DomainException(message);

/// <summary>The file holds nothing, not even a header.</summary>
public sealed class EmptyPaperRegisterException() : PaperRegisterException("The file is empty: a paper register starts with its header line.");

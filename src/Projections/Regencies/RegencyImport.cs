using System.Text.RegularExpressions;
using Ledger.Marten;
using Ledger.Regencies;
using Npgsql;

namespace Ledger.Projections.Regencies;

/// <summary>
/// Loads the official regency list (CSV with the header <c>code,name,kind,province_code,province_name</c>)
/// into <c>regencies</c>. Every row is checked before anything is written; rows are upserted, so importing
/// the same or a newer list again is safe.
/// </summary>
public static partial class RegencyImport
{
    public const string Header = "code,name,kind,province_code,province_name";

    /// <summary>
    /// Loads the official list compiled into the ledger (<see cref="OfficialRegencies"/>) when the table holds fewer
    /// regencies than it, as on a fresh install; returns how many were loaded (none when the table was complete).
    /// </summary>
    public static async Task<int> LoadOfficialListAsync(LedgerDatabase database, CancellationToken ct = default)
    {
        await using (var count = database.DataSource.CreateCommand($"select count(*) from {database.Quoted}.regencies"))
            if ((long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))! >= OfficialRegencies.Count) return 0;
        using var csv = OfficialRegencies.Open();
        return await ImportAsync(database, csv, ct).ConfigureAwait(false);
    }

    /// <summary>Imports the file at <paramref name="path"/>; returns how many regencies it holds.</summary>
    public static async Task<int> ImportFileAsync(LedgerDatabase database, string path, CancellationToken ct = default)
    {
        using var reader = new StreamReader(path);
        return await ImportAsync(database, reader, ct).ConfigureAwait(false);
    }

    /// <summary>Imports the list read from <paramref name="csv"/>; returns how many regencies it holds.</summary>
    public static async Task<int> ImportAsync(LedgerDatabase database, TextReader csv, CancellationToken ct = default)
    {
        var regencies = await ParseAsync(csv, ct).ConfigureAwait(false);
        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var upsert = new NpgsqlCommand($"""
            insert into {database.Quoted}.regencies (code, name, kind, province_code, province_name)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            on conflict (code) do update set
                name = excluded.name, kind = excluded.kind,
                province_code = excluded.province_code, province_name = excluded.province_name
            """, connection, tx);
        upsert.Parameters.Add(new NpgsqlParameter { Value = regencies.Select(r => r.Code).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = regencies.Select(r => r.Name).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = regencies.Select(r => r.Kind).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = regencies.Select(r => r.ProvinceCode).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = regencies.Select(r => r.ProvinceName).ToArray() });
        await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return regencies.Count;
    }

    /// <summary>Reads and checks every row; the first bad one raises a <see cref="RegencyFileException"/> naming its line.</summary>
    public static async Task<IReadOnlyList<Regency>> ParseAsync(TextReader csv, CancellationToken ct = default)
    {
        var header = await csv.ReadLineAsync(ct).ConfigureAwait(false);
        if (header?.Trim().TrimStart('\uFEFF') != Header)
            throw new RegencyFileException(1, $"the header must be '{Header}', not '{header}'.");

        var regencies = new List<Regency>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var line = 1;
        while (await csv.ReadLineAsync(ct).ConfigureAwait(false) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var regency = ParseRow(text, line);
            if (seen.TryGetValue(regency.Code, out var first))
                throw new RegencyFileException(line, $"code {regency.Code} already appears on line {first}.");
            seen[regency.Code] = line;
            regencies.Add(regency);
        }
        if (regencies.Count == 0) throw new RegencyFileException(line, "the list has no regencies.");
        return regencies;
    }

    static Regency ParseRow(string text, int line)
    {
        var fields = text.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length != 5)
            throw new RegencyFileException(line, $"expected 5 fields ({Header}), found {fields.Length}.");
        var (code, name, kind, provinceCode, provinceName) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if (!RegencyCode().IsMatch(code))
            throw new RegencyFileException(line, $"code '{code}' is not of the form PP.KK (e.g. 36.04).");
        if (name.Length == 0) throw new RegencyFileException(line, $"regency {code} has no name.");
        if (kind is not ("kabupaten" or "kota"))
            throw new RegencyFileException(line, $"kind '{kind}' of regency {code} is neither 'kabupaten' nor 'kota'.");
        if (provinceCode != Regency.ProvinceOf(code))
            throw new RegencyFileException(line, $"province code '{provinceCode}' does not match regency code {code}.");
        if (provinceName.Length == 0) throw new RegencyFileException(line, $"province {provinceCode} has no name.");
        return new Regency(code, name, kind, provinceCode, provinceName);
    }

    [GeneratedRegex("^[0-9]{2}\\.[0-9]{2}$")]
    private static partial Regex RegencyCode();
}

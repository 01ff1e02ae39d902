using Ledger.Marten;
using Npgsql;

namespace Ledger.Projections.Regencies;

/// <summary>
/// Answers a regency code's regency and province names from <c>regencies</c>. A code not in the list is
/// still a code: <see cref="NameOf"/> and <see cref="ProvinceNameOf"/> then answer with the code itself.
/// </summary>
public sealed class RegencyLookup
{
    readonly IReadOnlyDictionary<string, Regency> byCode;
    readonly IReadOnlyDictionary<string, string> provinces;

    RegencyLookup(IReadOnlyList<Regency> regencies)
    {
        byCode = regencies.ToDictionary(r => r.Code, StringComparer.Ordinal);
        provinces = regencies.GroupBy(r => r.ProvinceCode).ToDictionary(g => g.Key, g => g.First().ProvinceName, StringComparer.Ordinal);
    }

    public int Count => byCode.Count;

    public IEnumerable<Regency> All => byCode.Values.OrderBy(r => r.Code, StringComparer.Ordinal);

    /// <summary>Reads the whole list (about 500 rows) once.</summary>
    public static async Task<RegencyLookup> LoadAsync(LedgerDatabase database, CancellationToken ct = default)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select code, name, kind, province_code, province_name from {database.Quoted}.regencies");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var regencies = new List<Regency>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            regencies.Add(new Regency(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        return new RegencyLookup(regencies);
    }

    /// <summary>One regency straight from the table, or null when the code is not in the list.</summary>
    public static async Task<Regency?> FindAsync(LedgerDatabase database, string code, CancellationToken ct = default)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select code, name, kind, province_code, province_name from {database.Quoted}.regencies where code = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new Regency(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))
            : null;
    }

    public Regency? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>The regency's name, or its code when the list does not have it.</summary>
    public string NameOf(string code) => Find(code)?.Name ?? code;

    /// <summary>The name of a province (by its two-digit code), or the code when the list does not have it.</summary>
    public string ProvinceNameOf(string provinceCode) => provinces.GetValueOrDefault(provinceCode) ?? provinceCode;
}

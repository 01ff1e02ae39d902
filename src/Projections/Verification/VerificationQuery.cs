using Ledger.Certifications;
using Ledger.Domain;
using Ledger.PersonalData;
using Ledger.Marten;

namespace Ledger.Projections.Verification;

/// <summary>Looks a certificate up in the verification view and reveals only the masked holder's name.</summary>
public sealed class VerificationQuery(LedgerDatabase database, TimeProvider time)
{
    /// <summary>Today by the calendar certificates are judged by (<see cref="Days.Jakarta"/>).</summary>
    public static DateOnly TodayIn(TimeProvider time) => Days.TodayInJakarta(time);

    /// <summary>The certificate, or null when the ledger has issued no certificate with this number.</summary>
    public async Task<CertificateVerification?> FindAsync(CertificateNumber number, CancellationToken ct = default)
    {
        // One round trip: the view's row, the holder's sealed name and their key (none once erased). The statement
        // is prepared once per connection: planning its joins costs more than running them.
        var rows = await PreparedStatements.ReadAsync(database.DataSource, VerificationTables.Find(database.Quoted),
            parameters => parameters.Add(new Npgsql.NpgsqlParameter { Value = number.ToString(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }),
            ReadAsync, ct).ConfigureAwait(false);
        return rows.Count == 0 ? null : Answer(rows[0]);
    }

    /// <summary>Every certificate of <paramref name="numbers"/> the ledger has issued, by its number, in one round trip.</summary>
    public async Task<IReadOnlyDictionary<string, CertificateVerification>> FindManyAsync(IReadOnlyCollection<CertificateNumber> numbers, CancellationToken ct = default)
    {
        if (numbers.Count == 0) return new Dictionary<string, CertificateVerification>();
        var rows = await PreparedStatements.ReadAsync(database.DataSource, VerificationTables.FindMany(database.Quoted),
            parameters => parameters.Add(new Npgsql.NpgsqlParameter
            {
                Value = numbers.Select(n => n.ToString()).Distinct().ToArray(),
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
            }),
            ReadAsync, ct).ConfigureAwait(false);
        return rows.Select(Answer).ToDictionary(v => v.CertificateNumber);
    }

    static async Task<List<Found>> ReadAsync(Npgsql.NpgsqlDataReader reader, CancellationToken ct)
    {
        var rows = new List<Found>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            rows.Add(new Found(
                new CertificateVerification(
                    reader.GetString(0), reader.GetString(7), null, reader.GetString(3), reader.GetString(4),
                    reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6), reader.IsDBNull(8) ? null : reader.GetString(8)),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<byte[]>(11)));
        return rows;
    }

    /// <summary>What a verifier is told of a row: expired once its validity has run out, the holder's name masked.</summary>
    CertificateVerification Answer(Found row)
    {
        var (result, artisanId, sealedName, key) = row;
        if (result.Status == VerificationStatuses.Valid && result.ValidUntil < TodayIn(time))
            result = result with { Status = VerificationStatuses.Expired };
        if (artisanId is { } id && sealedName is not null)
        {
            var revealed = PersonalDataProtector.Reveal(id, sealedName, key);
            if (!revealed.IsErased && revealed.Value is { } name) result = result with { Holder = PersonalDataProtector.Mask(name) };
        }
        return result;
    }

    /// <summary>The view's row, with the holder's sealed name and key as stored.</summary>
    sealed record Found(CertificateVerification Verification, Guid? ArtisanId, string? SealedName, byte[]? Key);
}

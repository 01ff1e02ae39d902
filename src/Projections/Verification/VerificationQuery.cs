using Ledger.Certifications;
using Ledger.PersonalData;
using Ledger.Store;

namespace Ledger.Projections.Verification;

/// <summary>Looks a certificate up in the verification view and reveals only the masked holder's name.</summary>
public sealed class VerificationQuery(EventStore store, PersonalDataProtector protector)
{
    /// <summary>Certificates are judged by the calendar of Western Indonesia, where the ledger's LSPs sit.</summary>
    public static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public static DateOnly TodayIn(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Jakarta).DateTime);

    /// <summary>The certificate, or null when the ledger has issued no certificate with this number.</summary>
    public async Task<CertificateVerification?> FindAsync(CertificateNumber number, CancellationToken ct = default)
    {
        await using var command = store.DataSource.CreateCommand(VerificationTables.Find(store.Schema.Quoted));
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = number.ToString() });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false)) return null;

        var artisanId = reader.IsDBNull(2) ? (Guid?)null : reader.GetGuid(2);
        var validUntil = reader.GetFieldValue<DateOnly>(6);
        var status = reader.GetString(7);
        var reason = reader.IsDBNull(8) ? null : reader.GetString(8);
        var sealedName = reader.IsDBNull(10) ? null : reader.GetString(10);
        var result = new CertificateVerification(
            reader.GetString(0), status, null, reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<DateOnly>(5), validUntil, reason);
        await reader.DisposeAsync().ConfigureAwait(false);

        if (status == VerificationStatuses.Valid && validUntil < TodayIn(store.Time))
            result = result with { Status = VerificationStatuses.Expired };
        if (artisanId is { } id && sealedName is not null)
        {
            var revealed = await protector.RevealAsync(id, sealedName, ct).ConfigureAwait(false);
            if (!revealed.IsErased && revealed.Value is { } name) result = result with { Holder = PersonalDataProtector.Mask(name) };
        }
        return result;
    }
}

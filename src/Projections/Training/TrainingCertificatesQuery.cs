using Ledger.Marten;
using Ledger.Training;

namespace Ledger.Projections.Training;

/// <summary>
/// What the public lookup answers for a centre's training certificate: the centre, field, programme year, partner and the day
/// it was completed, and that it is not a competency certificate. No personal data.
/// </summary>
public sealed record TrainingCertificateVerification(
    string Number, string Kind, string CentreName, string Field, int Year, string PartnerName, DateOnly CompletedOn, string Statement);

public sealed class TrainingCertificatesQuery(LedgerDatabase database)
{
    public const string Kind = "training certificate";

    public async Task<TrainingCertificateVerification?> FindAsync(TrainingCertificateNumber number, CancellationToken ct = default)
    {
        var s = database.Quoted;
        var text = number.ToString();
        return await PreparedStatements.ReadAsync(database.DataSource, $"""
            select p.centre_name, p.field, p.year, p.partner_name, c.completed_on
            from {s}.{TrainingTables.Certificates} c join {s}.{TrainingTables.Programmes} p on p.programme_id = c.programme_id
            where c.number = $1
            """, parameters => parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = text }), async (reader, token) =>
        {
            if (!await reader.ReadAsync(token).ConfigureAwait(false)) return null;
            var (centre, field, completed) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(4));
            return new TrainingCertificateVerification(text, Kind, centre, field, reader.GetInt32(2), reader.GetString(3), completed,
                $"A training certificate of {centre} in {field}, completed on {completed:yyyy-MM-dd}. It is not a competency certificate: " +
                "competency certificates are issued by a certification body (LSP) under BNSP and are looked up by their own numbers.");
        }, ct).ConfigureAwait(false);
    }
}

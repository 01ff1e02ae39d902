using Ledger.Marten;
using Ledger.Projections.Querying;

namespace Ledger.Projections.ArtisanProfiles;

/// <summary>
/// A trainer (narasumber) in the directory: a certified artisan qualified to train others in a scheme, where they
/// work, their certificate in that scheme as it stands (only a valid one lets them be named to a batch), and the
/// batches they have been named to. No personal field: the registry reveals the name to those who may read it.
/// </summary>
public sealed record TrainerEntry(
    Guid ArtisanId, string RegencyCode, string RegencyName, string BusinessName, string Scheme,
    string? CertificateNumber, string CertificateStatus, DateOnly? ValidUntil, int BatchesTrained, DateOnly? LastNamedOn);

/// <summary>
/// The trainers directory, per regency and scheme, from the artisan profiles read model. Erased artisans are not
/// listed. <c>year</c> does not apply. The tables are named in the order of the read model's tables (a rebuild's swap
/// locks them in that order).
/// </summary>
public sealed class TrainersDirectoryQuery(LedgerDatabase database)
{
    /// <summary>Why a year filter does not apply to the directory, as its 400 says.</summary>
    public const string NoYear = "a trainer's qualification has no year in the directory";

    public Task<Paged<TrainerEntry>> TrainersAsync(ReadModelFilter filter, CancellationToken ct = default)
    {
        var s = database.Quoted;
        return PagedReader.ReadAsync(database.DataSource, $"""
            select p.artisan_id, p.regency_code, coalesce(r.name, p.regency_code), p.business_name, q.scheme,
                   c.certificate_number, case coalesce(c.status, 'not-issued') when 'enrolled' then 'not-issued' else coalesce(c.status, 'not-issued') end, c.valid_until,
                   t.batches, t.last_named_on,
                   count(*) over ()
            from {s}.{ArtisanProfilesProjection.Profiles} p
            cross join lateral unnest(p.trainer_schemes) as q(scheme)
            left join {s}.{ArtisanProfilesProjection.Certifications} c on c.artisan_id = p.artisan_id and c.scheme_code = q.scheme
            cross join lateral (
                select count(*)::int as batches, max(named_on) as last_named_on from {s}.{ArtisanProfilesProjection.Trainings}
                where artisan_id = p.artisan_id and scheme_code = q.scheme) t
            left join {s}.regencies r on r.code = p.regency_code
            where not p.erased
              and ($2::text is null or left(p.regency_code, 2) = $2)
              and ($3::text is null or p.regency_code = $3)
              and ($4::text is null or q.scheme = $4)
            order by p.regency_code, q.scheme, p.business_name, p.artisan_id
            limit $5 offset $6
            """, filter,
            r => new TrainerEntry(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7),
                r.GetInt32(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9)), ct);
    }
}

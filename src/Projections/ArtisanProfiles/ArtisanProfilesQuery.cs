using Ledger.Marten;
using Npgsql;

namespace Ledger.Projections.ArtisanProfiles;

/// <summary>One certification of the artisan: <see cref="EnrolledOn"/> is the day of enrollment, <see cref="EnrolledAt"/> the moment it was recorded.</summary>
public sealed record ProfileCertification(Guid CertificationId, string Scheme, string Status, string? CertificateNumber,
    DateOnly? ValidUntil, DateTimeOffset EnrolledAt, ProfileBatch? Batch, DateOnly EnrolledOn);

public sealed record ProfileBatch(Guid BatchId, string CentreName, string Venue, string Scheme, DateOnly StartsOn, DateOnly EndsOn, bool Completed);

/// <summary>Aid the artisan received: <see cref="ReceivedOn"/> is the day it was received, <see cref="ReceivedAt"/> the moment it was recorded.</summary>
public sealed record ProfileAid(string Item, int Quantity, Guid? PksId, DateTimeOffset ReceivedAt, DateOnly ReceivedOn);

public sealed record ProfileVisit(DateOnly VisitedOn, string Officer, string Findings);

/// <summary>
/// An artisan's profile: no personal field, only the id, regency, business and what the ledger recorded for them.
/// <see cref="RegisteredOn"/> is the day of registration, <see cref="RegisteredAt"/> the moment it was recorded.
/// </summary>
public sealed record ArtisanProfile(Guid ArtisanId, string RegencyCode, string BusinessName, DateTimeOffset RegisteredAt,
    bool PersonalDataErased, IReadOnlyList<string> TrainerSchemes, IReadOnlyList<ProfileCertification> Certifications,
    IReadOnlyList<ProfileAid> Aid, IReadOnlyList<ProfileVisit> Visits, DateOnly RegisteredOn);

public sealed class ArtisanProfilesQuery(LedgerDatabase database)
{
    public async Task<ArtisanProfile?> FindAsync(Guid artisanId, CancellationToken ct = default)
    {
        var s = database.Quoted;
        return await PreparedStatements.ReadAsync(database.DataSource, new[]
        {
            // Rows projected before the days of facts were kept have none: they read as the day recorded, in Asia/Jakarta, as the events do.
            Statement($"""
                select regency_code, business_name, registered_at, erased, trainer_schemes,
                       coalesce(registered_on, (registered_at at time zone 'Asia/Jakarta')::date)
                from {s}.{ArtisanProfilesProjection.Profiles} where artisan_id = $1
                """, artisanId),
            Statement($"""
            select c.certification_id, c.scheme_code, case c.status when 'enrolled' then 'not-issued' else c.status end, c.certificate_number, c.valid_until, c.enrolled_at,
                   b.batch_id, b.centre_name, b.venue, b.scheme_code, b.starts_on, b.ends_on, b.completed,
                   coalesce(c.enrolled_on, (c.enrolled_at at time zone 'Asia/Jakarta')::date)
            from {s}.{ArtisanProfilesProjection.Certifications} c
            left join {s}.{ArtisanProfilesProjection.Batches} b on b.batch_id = c.batch_id
            where c.artisan_id = $1 order by c.enrolled_at, c.certification_id
            """, artisanId),
            Statement($"""
                select item, quantity, pks_id, received_at, coalesce(received_on, (received_at at time zone 'Asia/Jakarta')::date)
                from {s}.{ArtisanProfilesProjection.Aid} where artisan_id = $1 order by seq
                """, artisanId),
            Statement($"select visited_on, officer, findings from {s}.{ArtisanProfilesProjection.Visits} where artisan_id = $1 order by seq", artisanId),
        }, (r, token) => ReadProfileAsync(artisanId, r, token), ct).ConfigureAwait(false);
    }

    static async Task<ArtisanProfile?> ReadProfileAsync(Guid artisanId, NpgsqlDataReader r, CancellationToken ct)
    {
        if (!await r.ReadAsync(ct).ConfigureAwait(false)) return null;
        var (regency, business, registered, erased, trainer, registeredOn) =
            (r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetBoolean(3), r.GetFieldValue<string[]>(4), r.GetFieldValue<DateOnly>(5));
        await r.NextResultAsync(ct).ConfigureAwait(false);
        var certifications = new List<ProfileCertification>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            certifications.Add(new ProfileCertification(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateTimeOffset>(5),
                r.IsDBNull(6) ? null : new ProfileBatch(r.GetGuid(6), r.GetString(7), r.GetString(8), r.GetString(9),
                    r.GetFieldValue<DateOnly>(10), r.GetFieldValue<DateOnly>(11), r.GetBoolean(12)),
                r.GetFieldValue<DateOnly>(13)));
        await r.NextResultAsync(ct).ConfigureAwait(false);
        var aid = new List<ProfileAid>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            aid.Add(new ProfileAid(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateOnly>(4)));
        await r.NextResultAsync(ct).ConfigureAwait(false);
        var visits = new List<ProfileVisit>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            visits.Add(new ProfileVisit(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetString(2)));
        return new ArtisanProfile(artisanId, regency, business, registered, erased, trainer, certifications, aid, visits, registeredOn);
    }

    static NpgsqlBatchCommand Statement(string sql, Guid id)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return command;
    }
}

using Ledger.Projections.Querying;
using Ledger.Marten;

namespace Ledger.Projections.AgreementQuotas;

/// <summary>
/// One PKS in one year (or with no year yet when nothing happened under it): the regency (a regency partner's; none for
/// another partner), its MoU and PKS with status and term, the quota, enrolled and certified against it, equipment aid
/// delivered, and the partner: its kind, name and province.
/// </summary>
public sealed record AgreementQuota(
    string? RegencyCode, string? RegencyName,
    Guid MouId, string MouStatus, DateOnly MouSignedOn, DateOnly MouValidUntil, string CentreName,
    Guid PksId, string PksStatus, DateOnly PksSignedOn, DateOnly PksValidUntil, string AgencyName, IReadOnlyList<string> Schemes,
    int? Year, int Quota, int Enrolled, int Certified, int AidDelivered, string? EquipmentAid,
    string PartnerKind, string PartnerName, string? ProvinceCode);

/// <remarks>
/// The tables are named in the order of <see cref="AgreementQuotasProjection.Tables"/>, the order in which a
/// rebuild's swap locks them: a reader locking them in another order could deadlock with the swap.
/// </remarks>
public sealed class AgreementQuotasQuery(LedgerDatabase database)
{
    public Task<Paged<AgreementQuota>> AgreementsAsync(ReadModelFilter filter, CancellationToken ct = default)
    {
        var s = database.Quoted;
        return PagedReader.ReadAsync(database.DataSource, $"""
            select p.regency_code, coalesce(r.name, p.regency_code), m.mou_id, replace(m.status, ' ', '-'), m.signed_on, m.valid_until, m.centre_name,
                   p.pks_id, replace(p.status, ' ', '-'), p.signed_on, p.valid_until, p.agency_name, p.schemes,
                   y.year, p.yearly_quota, coalesce(y.enrolled, 0), coalesce(y.certified, 0), coalesce(y.aid_delivered, 0), p.equipment_aid,
                   p.partner_kind, coalesce(p.partner_name, r.name, p.regency_code, ''), coalesce(p.province_code, left(p.regency_code, 2)),
                   count(*) over ()
            from {s}.{AgreementQuotasProjection.Mous} m
            join {s}.{AgreementQuotasProjection.Pks} p on p.mou_id = m.mou_id
            left join {s}.{AgreementQuotasProjection.Years} y on y.pks_id = p.pks_id
            left join {s}.regencies r on r.code = p.regency_code
            where ($1::int is null or y.year = $1)
              and ($2::text is null or coalesce(p.province_code, left(p.regency_code, 2)) = $2)
              and ($3::text is null or p.regency_code = $3)
              and ($4::text is null or $4 = any(p.schemes))
              and ($7::int is null or extract(year from p.signed_on) = $7)
            order by p.regency_code nulls last, p.partner_kind, p.partner_name, p.signed_on, p.pks_id, y.year
            limit $5 offset $6
            """, filter,
            r => new AgreementQuota(r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                r.GetFieldValue<DateOnly>(5), r.GetString(6), r.GetGuid(7), r.GetString(8), r.GetFieldValue<DateOnly>(9),
                r.GetFieldValue<DateOnly>(10), r.GetString(11), r.GetFieldValue<string[]>(12), r.IsDBNull(13) ? null : r.GetInt32(13),
                r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17), r.IsDBNull(18) ? null : r.GetString(18),
                r.GetString(19), r.GetString(20), r.IsDBNull(21) ? null : r.GetString(21)), ct);
    }
}

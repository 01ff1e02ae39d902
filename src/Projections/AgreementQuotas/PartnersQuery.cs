using Ledger.Agreements;
using Ledger.Marten;
using Ledger.Projections.Querying;

namespace Ledger.Projections.AgreementQuotas;

/// <summary>
/// The partners of one kind that signed an MoU in one year (its signing year): how many distinct partners (a regency by
/// its code, a province by its code, any other partner by its name) and how many MoUs they signed.
/// </summary>
public sealed record PartnersInYear(int Year, string PartnerKind, int Partners, int Mous);

/// <summary>Partners per signing year and kind, read from the MoUs of <see cref="AgreementQuotasProjection"/>.</summary>
public sealed class PartnersQuery(LedgerDatabase database)
{
    /// <summary>
    /// Filtered by signing year ($1), the partner's province ($2: a province's own code, a regency's first two digits) and
    /// the partner's regency ($3, which only regency partners have); the scheme ($4) does not apply (an MoU names none).
    /// </summary>
    public Task<Paged<PartnersInYear>> PerYearAsync(ReadModelFilter filter, CancellationToken ct = default)
    {
        var s = database.Quoted;
        return PagedReader.ReadAsync(database.DataSource, $"""
            select extract(year from m.signed_on)::int as year, m.partner_kind,
                   count(distinct case m.partner_kind
                       when '{PartnerKind.Regency.Name()}' then m.regency_code
                       when '{PartnerKind.Province.Name()}' then m.province_code
                       else lower(coalesce(m.partner_name, '')) end)::int,
                   count(*)::int, count(*) over ()
            from {s}.{AgreementQuotasProjection.Mous} m
            where ($1::int is null or m.signed_on >= make_date($1, 1, 1) and m.signed_on < make_date($1 + 1, 1, 1))
              and ($2::text is null or coalesce(m.province_code, left(m.regency_code, 2)) = $2)
              and ($3::text is null or m.regency_code = $3)
            group by 1, 2
            order by 1, 2
            limit $5 offset $6
            """, filter, r => new PartnersInYear(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)), ct);
    }
}

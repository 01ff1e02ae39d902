using Ledger.Projections.Querying;
using Ledger.Marten;
using Npgsql;

namespace Ledger.Projections.RegencyTotals;

/// <summary>Reads certified artisans per regency, per province and nationally, filtered and paged.</summary>
public sealed class RegencyTotalsQuery(LedgerDatabase database)
{
    const string Filtered = """
        from {0}.regency_totals t
        left join {0}.regencies r on r.code = t.regency_code
        left join (select distinct province_code, province_name from {0}.regencies) p on p.province_code = left(t.regency_code, 2)
        where ($1::int is null or t.year = $1)
          and ($2::text is null or left(t.regency_code, 2) = $2)
          and ($3::text is null or t.regency_code = $3)
          and ($4::text is null or t.scheme_code = $4)
        """;

    public Task<Paged<RegencyTotal>> RegenciesAsync(ReadModelFilter filter, CancellationToken ct = default) =>
        PageAsync(filter, $"""
            select t.year, t.regency_code, coalesce(r.name, t.regency_code), left(t.regency_code, 2),
                   coalesce(p.province_name, left(t.regency_code, 2)), t.scheme_code, t.issued, t.valid, t.revoked,
                   count(*) over ()
            {string.Format(Filtered, database.Quoted)}
            order by t.year, t.regency_code, t.scheme_code
            limit $5 offset $6
            """,
            r => new RegencyTotal(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetInt32(6), r.GetInt32(7), r.GetInt32(8)), ct);

    public Task<Paged<ProvinceTotal>> ProvincesAsync(ReadModelFilter filter, CancellationToken ct = default) =>
        PageAsync(filter, $"""
            select t.year, left(t.regency_code, 2), coalesce(max(p.province_name), left(t.regency_code, 2)), t.scheme_code,
                   sum(t.issued)::int, sum(t.valid)::int, sum(t.revoked)::int, count(*) over ()
            {string.Format(Filtered, database.Quoted)}
            group by t.year, left(t.regency_code, 2), t.scheme_code
            order by t.year, left(t.regency_code, 2), t.scheme_code
            limit $5 offset $6
            """,
            r => new ProvinceTotal(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6)), ct);

    public Task<Paged<NationalTotal>> NationalAsync(ReadModelFilter filter, CancellationToken ct = default) =>
        PageAsync(filter, $"""
            select t.year, t.scheme_code, sum(t.issued)::int, sum(t.valid)::int, sum(t.revoked)::int, count(*) over ()
            {string.Format(Filtered, database.Quoted)}
            group by t.year, t.scheme_code
            order by t.year, t.scheme_code
            limit $5 offset $6
            """,
            r => new NationalTotal(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)), ct);

    Task<Paged<T>> PageAsync<T>(ReadModelFilter filter, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct) =>
        PagedReader.ReadAsync(database.DataSource, sql, filter, read, ct);
}

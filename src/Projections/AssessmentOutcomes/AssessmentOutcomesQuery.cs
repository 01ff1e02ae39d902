using Ledger.Projections.Querying;
using Ledger.Marten;

namespace Ledger.Projections.AssessmentOutcomes;

/// <summary>Attempts, K, BK and the pass rate (K over attempts) for one year, scheme, site and assessor; appeals filed and upheld.</summary>
public sealed record AssessmentOutcome(int Year, string Scheme, string AssessmentSite, string Assessor,
    int Attempts, int Competent, int NotYetCompetent, decimal PassRate, int AppealsFiled, int AppealsUpheld);

/// <summary>
/// Reads assessment outcomes. Only the year and scheme filters apply: an assessment site (TUK) serves
/// candidates from several regencies, so outcomes are not counted per area (the API refuses those filters).
/// </summary>
public sealed class AssessmentOutcomesQuery(LedgerDatabase database)
{
    public Task<Paged<AssessmentOutcome>> OutcomesAsync(ReadModelFilter filter, CancellationToken ct = default) =>
        PagedReader.ReadAsync(database.DataSource, $"""
            select year, scheme_code, assessment_site, assessor, attempts, competent, not_yet_competent,
                   round(competent::numeric / nullif(attempts, 0), 4), appeals_filed, appeals_upheld, count(*) over ()
            from {database.Quoted}.{AssessmentOutcomesProjection.Outcomes}
            where ($1::int is null or year = $1) and ($2::text is null or true) and ($3::text is null or true)
              and ($4::text is null or scheme_code = $4)
            order by year, scheme_code, assessment_site, assessor
            limit $5 offset $6
            """, filter,
            r => new AssessmentOutcome(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5),
                r.GetInt32(6), r.IsDBNull(7) ? 0 : r.GetDecimal(7), r.GetInt32(8), r.GetInt32(9)), ct);
}

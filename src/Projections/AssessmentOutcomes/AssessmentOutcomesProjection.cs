using Ledger.Certifications;
using Ledger.Projections.Daemon;
using Ledger.Projections.Querying;
using Ledger.Store;

namespace Ledger.Projections.AssessmentOutcomes;

/// <summary>
/// Assessment attempts and the assessor's overall recommendation (K or BK) per year of assessment, scheme,
/// assessment site (TUK) and assessor, with appeals filed and upheld against those attempts. Each attempt is
/// kept in a lookup table so an appeal counts against the attempt it names.
/// </summary>
public sealed class AssessmentOutcomesProjection : IAsyncProjection
{
    public const string Outcomes = "assessment_outcomes";
    public const string Certifications = "assessment_outcomes_certifications";
    public const string Attempts = "assessment_outcomes_attempts";

    public string Name => "assessment_outcomes";

    public IReadOnlyList<ProjectionTable> Tables { get; } =
    [
        new(Outcomes, t => $"""
            create table {t} (
                year               int not null,
                scheme_code        text not null,
                assessment_site    text not null,
                assessor           text not null,
                attempts           int not null,
                competent          int not null,
                not_yet_competent  int not null,
                appeals_filed      int not null,
                appeals_upheld     int not null,
                primary key (year, scheme_code, assessment_site, assessor)
            );
            """),
        new(Certifications, t => $"""
            create table {t} (certification_id uuid primary key, scheme_code text not null, regency_code text not null);
            """),
        new(Attempts, t => $"""
            create table {t} (
                certification_id  uuid not null,
                attempt           int not null,
                year              int not null,
                scheme_code       text not null,
                assessment_site   text not null,
                assessor          text not null,
                primary key (certification_id, attempt)
            );
            """),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var outcomes = context.Table(Outcomes);
        var certifications = context.Table(Certifications);
        var attempts = context.Table(Attempts);
        await using var writer = new BatchWriter(context.Batch());
        foreach (var e in batch)
        {
            switch (e.Data)
            {
                case ArtisanEnrolled x:
                    writer.Add($"""
                        insert into {certifications} (certification_id, scheme_code, regency_code) values ($1, $2, $3)
                        on conflict (certification_id) do nothing
                        """, x.CertificationId, x.SchemeCode, x.RegencyCode);
                    break;
                case AssessmentRecorded x:
                    var k = x.Recommendation == Competence.Competent ? 1 : 0;
                    writer.Add($"""
                        with a as (
                            insert into {attempts} (certification_id, attempt, year, scheme_code, assessment_site, assessor)
                            select $1, $2, $3, c.scheme_code, $4, $5 from {certifications} c where c.certification_id = $1
                            on conflict (certification_id, attempt) do nothing
                            returning year, scheme_code, assessment_site, assessor)
                        insert into {outcomes} as o
                            (year, scheme_code, assessment_site, assessor, attempts, competent, not_yet_competent, appeals_filed, appeals_upheld)
                        select year, scheme_code, assessment_site, assessor, 1, $6, 1 - $6, 0, 0 from a
                        on conflict (year, scheme_code, assessment_site, assessor) do update set
                            attempts = o.attempts + 1, competent = o.competent + excluded.competent,
                            not_yet_competent = o.not_yet_competent + excluded.not_yet_competent
                        """, x.CertificationId, x.Attempt, x.AssessedOn.Year, x.AssessmentSite, x.Assessor, k);
                    break;
                case AppealFiled x:
                    writer.Add(CountAppeal(outcomes, attempts, "appeals_filed"), x.CertificationId, x.Attempt);
                    break;
                case AppealDecided { Outcome: AppealOutcome.Upheld } x:
                    writer.Add(CountAppeal(outcomes, attempts, "appeals_upheld"), x.CertificationId, x.Attempt);
                    break;
            }
        }
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    static string CountAppeal(string outcomes, string attempts, string column) => $"""
        update {outcomes} o set {column} = o.{column} + 1
        from {attempts} a
        where a.certification_id = $1 and a.attempt = $2
          and o.year = a.year and o.scheme_code = a.scheme_code and o.assessment_site = a.assessment_site and o.assessor = a.assessor
        """;
}

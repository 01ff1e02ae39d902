using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Projections.ReadModels;
using Marten;

namespace Ledger.Projections.AssessmentOutcomes;

/// <summary>
/// Assessment attempts and the assessor's overall recommendation (K or BK) per year of assessment, scheme,
/// assessment site (TUK) and assessor, with appeals filed and upheld against those attempts. Each attempt is
/// kept in a lookup table so an appeal counts against the attempt it names.
/// </summary>
public sealed class AssessmentOutcomesProjection(ReadModelTarget target) : ReadModelProjection(target)
{
    public const string Outcomes = "assessment_outcomes";
    public const string Certifications = "assessment_outcomes_certifications";
    public const string Attempts = "assessment_outcomes_attempts";

    public override string ReadModel => "assessment_outcomes";

    public override IReadOnlyList<Type> EventTypes { get; } =
        [typeof(ArtisanEnrolled), typeof(AssessmentRecorded), typeof(AppealFiled), typeof(AppealDecided)];

    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Outcomes, t =>
        {
            t.AddColumn("year", "integer").AsPrimaryKey();
            t.AddColumn("scheme_code", "text").AsPrimaryKey();
            t.AddColumn("assessment_site", "text").AsPrimaryKey();
            t.AddColumn("assessor", "text").AsPrimaryKey();
            t.AddColumn("attempts", "integer").NotNull();
            t.AddColumn("competent", "integer").NotNull();
            t.AddColumn("not_yet_competent", "integer").NotNull();
            t.AddColumn("appeals_filed", "integer").NotNull();
            t.AddColumn("appeals_upheld", "integer").NotNull();
        }),
        new(Certifications, t =>
        {
            t.AddColumn("certification_id", "uuid").AsPrimaryKey();
            t.AddColumn("scheme_code", "text").NotNull();
            t.AddColumn("regency_code", "text").NotNull();
        }),
        new(Attempts, t =>
        {
            t.AddColumn("certification_id", "uuid").AsPrimaryKey();
            t.AddColumn("attempt", "integer").AsPrimaryKey();
            t.AddColumn("year", "integer").NotNull();
            t.AddColumn("scheme_code", "text").NotNull();
            t.AddColumn("assessment_site", "text").NotNull();
            t.AddColumn("assessor", "text").NotNull();
        }),
    ];

    public override async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var outcomes = Table(Outcomes);
        var certifications = Table(Certifications);
        var attempts = Table(Attempts);

        var certificationIds = batch.Select(e => e.Data switch
        {
            ArtisanEnrolled x => x.CertificationId,
            AssessmentRecorded x => x.CertificationId,
            _ => (Guid?)null,
        }).OfType<Guid>().Distinct().ToArray();
        var attemptKeys = batch.Select(e => e.Data switch
        {
            AssessmentRecorded x => (x.CertificationId, x.Attempt),
            AppealFiled x => (x.CertificationId, x.Attempt),
            AppealDecided { Outcome: AppealOutcome.Upheld } x => (x.CertificationId, x.Attempt),
            _ => ((Guid, int)?)null,
        }).OfType<(Guid, int)>().Distinct().ToArray();
        if (certificationIds.Length == 0 && attemptKeys.Length == 0) return;

        var knownCertifications = await LookupAsync(
            $"select certification_id, scheme_code, regency_code from {certifications} where certification_id = any($1)",
            r => (r.GetGuid(0), (Scheme: r.GetString(1), Regency: r.GetString(2))), ct, certificationIds).ConfigureAwait(false);
        var knownAttempts = await LookupAsync($"""
            select a.certification_id, a.attempt, a.year, a.scheme_code, a.assessment_site, a.assessor
            from {attempts} a join unnest($1::uuid[], $2::int[]) k (certification_id, attempt)
              on a.certification_id = k.certification_id and a.attempt = k.attempt
            """,
            r => ((r.GetGuid(0), r.GetInt32(1)), new Group(r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5))),
            ct, attemptKeys.Select(k => k.Item1).ToArray(), attemptKeys.Select(k => k.Item2).ToArray()).ConfigureAwait(false);

        var newCertifications = new List<(Guid Id, string Scheme, string Regency)>();
        var newAttempts = new List<((Guid Id, int Attempt) Key, Group Group)>();
        var deltas = new Dictionary<Group, Delta>();
        void Count(Group g, Delta add)
        {
            var d = deltas.GetValueOrDefault(g);
            deltas[g] = new Delta(d.Attempts + add.Attempts, d.Competent + add.Competent, d.NotYetCompetent + add.NotYetCompetent,
                d.AppealsFiled + add.AppealsFiled, d.AppealsUpheld + add.AppealsUpheld);
        }

        Fold(batch, e =>
        {
            switch (e.Data)
            {
                case ArtisanEnrolled x when !knownCertifications.ContainsKey(x.CertificationId):
                    knownCertifications[x.CertificationId] = (x.SchemeCode, x.RegencyCode);
                    newCertifications.Add((x.CertificationId, x.SchemeCode, x.RegencyCode));
                    break;
                case AssessmentRecorded x when knownCertifications.TryGetValue(x.CertificationId, out var c)
                                              && !knownAttempts.ContainsKey((x.CertificationId, x.Attempt)):
                    var group = new Group(x.AssessedOn.Year, c.Scheme, x.AssessmentSite, x.Assessor);
                    knownAttempts[(x.CertificationId, x.Attempt)] = group;
                    newAttempts.Add(((x.CertificationId, x.Attempt), group));
                    var k = x.Recommendation == Competence.Competent ? 1 : 0;
                    Count(group, new Delta(1, k, 1 - k, 0, 0));
                    break;
                case AppealFiled x when knownAttempts.TryGetValue((x.CertificationId, x.Attempt), out var g):
                    Count(g, new Delta(0, 0, 0, 1, 0));
                    break;
                case AppealDecided { Outcome: AppealOutcome.Upheld } x when knownAttempts.TryGetValue((x.CertificationId, x.Attempt), out var g):
                    Count(g, new Delta(0, 0, 0, 0, 1));
                    break;
            }
        });

        if (newCertifications.Count > 0)
            Queue(operations, $"""
                insert into {certifications} (certification_id, scheme_code, regency_code)
                select * from unnest(?::uuid[], ?::text[], ?::text[])
                on conflict (certification_id) do nothing
                """, newCertifications.Select(c => c.Id).ToArray(), newCertifications.Select(c => c.Scheme).ToArray(),
                newCertifications.Select(c => c.Regency).ToArray());
        if (newAttempts.Count > 0)
            Queue(operations, $"""
                insert into {attempts} (certification_id, attempt, year, scheme_code, assessment_site, assessor)
                select * from unnest(?::uuid[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[])
                on conflict (certification_id, attempt) do nothing
                """, newAttempts.Select(a => a.Key.Id).ToArray(), newAttempts.Select(a => a.Key.Attempt).ToArray(),
                newAttempts.Select(a => a.Group.Year).ToArray(), newAttempts.Select(a => a.Group.Scheme).ToArray(),
                newAttempts.Select(a => a.Group.Site).ToArray(), newAttempts.Select(a => a.Group.Assessor).ToArray());
        if (deltas.Count > 0)
        {
            var rows = deltas.ToList();
            Queue(operations, $"""
                insert into {outcomes} as o
                    (year, scheme_code, assessment_site, assessor, attempts, competent, not_yet_competent, appeals_filed, appeals_upheld)
                select * from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[])
                on conflict (year, scheme_code, assessment_site, assessor) do update set
                    attempts = o.attempts + excluded.attempts, competent = o.competent + excluded.competent,
                    not_yet_competent = o.not_yet_competent + excluded.not_yet_competent,
                    appeals_filed = o.appeals_filed + excluded.appeals_filed, appeals_upheld = o.appeals_upheld + excluded.appeals_upheld
                """, rows.Select(r => r.Key.Year).ToArray(), rows.Select(r => r.Key.Scheme).ToArray(), rows.Select(r => r.Key.Site).ToArray(),
                rows.Select(r => r.Key.Assessor).ToArray(), rows.Select(r => r.Value.Attempts).ToArray(), rows.Select(r => r.Value.Competent).ToArray(),
                rows.Select(r => r.Value.NotYetCompetent).ToArray(), rows.Select(r => r.Value.AppealsFiled).ToArray(),
                rows.Select(r => r.Value.AppealsUpheld).ToArray());
        }
    }

    /// <summary>The row of <c>assessment_outcomes</c> an attempt counts in.</summary>
    readonly record struct Group(int Year, string Scheme, string Site, string Assessor);

    readonly record struct Delta(int Attempts, int Competent, int NotYetCompetent, int AppealsFiled, int AppealsUpheld);
}

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

        var knownCertifications = await LookupReader.ReadAsync(context,
            $"select certification_id, scheme_code, regency_code from {certifications} where certification_id = any($1)",
            r => (r.GetGuid(0), (Scheme: r.GetString(1), Regency: r.GetString(2))), ct, certificationIds).ConfigureAwait(false);
        var knownAttempts = await LookupReader.ReadAsync(context, $"""
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

        foreach (var e in batch)
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
        }

        await using var writer = new BatchWriter(context.Batch());
        if (newCertifications.Count > 0)
            writer.Add($"""
                insert into {certifications} (certification_id, scheme_code, regency_code)
                select * from unnest($1::uuid[], $2::text[], $3::text[])
                on conflict (certification_id) do nothing
                """, newCertifications.Select(c => c.Id).ToArray(), newCertifications.Select(c => c.Scheme).ToArray(),
                newCertifications.Select(c => c.Regency).ToArray());
        if (newAttempts.Count > 0)
            writer.Add($"""
                insert into {attempts} (certification_id, attempt, year, scheme_code, assessment_site, assessor)
                select * from unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[])
                on conflict (certification_id, attempt) do nothing
                """, newAttempts.Select(a => a.Key.Id).ToArray(), newAttempts.Select(a => a.Key.Attempt).ToArray(),
                newAttempts.Select(a => a.Group.Year).ToArray(), newAttempts.Select(a => a.Group.Scheme).ToArray(),
                newAttempts.Select(a => a.Group.Site).ToArray(), newAttempts.Select(a => a.Group.Assessor).ToArray());
        if (deltas.Count > 0)
        {
            var rows = deltas.ToList();
            writer.Add($"""
                insert into {outcomes} as o
                    (year, scheme_code, assessment_site, assessor, attempts, competent, not_yet_competent, appeals_filed, appeals_upheld)
                select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])
                on conflict (year, scheme_code, assessment_site, assessor) do update set
                    attempts = o.attempts + excluded.attempts, competent = o.competent + excluded.competent,
                    not_yet_competent = o.not_yet_competent + excluded.not_yet_competent,
                    appeals_filed = o.appeals_filed + excluded.appeals_filed, appeals_upheld = o.appeals_upheld + excluded.appeals_upheld
                """, rows.Select(r => r.Key.Year).ToArray(), rows.Select(r => r.Key.Scheme).ToArray(), rows.Select(r => r.Key.Site).ToArray(),
                rows.Select(r => r.Key.Assessor).ToArray(), rows.Select(r => r.Value.Attempts).ToArray(), rows.Select(r => r.Value.Competent).ToArray(),
                rows.Select(r => r.Value.NotYetCompetent).ToArray(), rows.Select(r => r.Value.AppealsFiled).ToArray(),
                rows.Select(r => r.Value.AppealsUpheld).ToArray());
        }
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The row of <c>assessment_outcomes</c> an attempt counts in.</summary>
    readonly record struct Group(int Year, string Scheme, string Site, string Assessor);

    readonly record struct Delta(int Attempts, int Competent, int NotYetCompetent, int AppealsFiled, int AppealsUpheld);
}

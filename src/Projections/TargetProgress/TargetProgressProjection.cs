using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Projections.ReadModels;
using Marten;

namespace Ledger.Projections.TargetProgress;

/// <summary>
/// Certified artisans and certificates per month of issue. The target counts artisans: an artisan certified in two
/// schemes in a year counts once, in the month of their first certificate that year, and twice among the certificates.
/// Renewals are neither. Each certification's artisan comes from its enrollment, kept in a lookup table; each artisan's
/// first month in a year is kept too, so a certificate recorded later but dated earlier moves the artisan to its month.
/// </summary>
public sealed class TargetProgressProjection(ReadModelTarget target) : ReadModelProjection(target)
{
    public const string Months = "target_progress_months";
    public const string Certifications = "target_progress_certifications";
    public const string ArtisanYears = "target_progress_artisan_years";

    public override string ReadModel => "target_progress";

    /// <summary>2: artisans counted beside certificates (1 counted certificates only).</summary>
    public override int Shape => 2;

    public override IReadOnlyList<Type> EventTypes { get; } = [typeof(ArtisanEnrolled), typeof(CertificateIssued)];

    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Months, t =>
        {
            t.AddColumn("year", "integer").AsPrimaryKey();
            t.AddColumn("month", "integer").AsPrimaryKey();
            t.AddColumn("certified", "integer").NotNull();
            t.AddColumn("artisans", "integer").NotNull().DefaultValueByExpression("0");
        }),
        new(Certifications, t =>
        {
            t.AddColumn("certification_id", "uuid").AsPrimaryKey();
            t.AddColumn("artisan_id", "uuid").NotNull();
        }),
        new(ArtisanYears, t =>
        {
            t.AddColumn("artisan_id", "uuid").AsPrimaryKey();
            t.AddColumn("year", "integer").AsPrimaryKey();
            t.AddColumn("month", "integer").NotNull();
        }),
    ];

    public override async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var enrolled = new Dictionary<Guid, Guid>();
        foreach (var e in batch)
            if (e.Data is ArtisanEnrolled x) enrolled.TryAdd(x.CertificationId, x.ArtisanId);
        var issued = batch.Select(e => e.Data).OfType<CertificateIssued>().ToList();

        var artisanOf = await LookupAsync($"select certification_id, artisan_id from {Table(Certifications)} where certification_id = any($1)",
            r => (r.GetGuid(0), r.GetGuid(1)), ct, issued.Select(x => x.CertificationId).Where(id => !enrolled.ContainsKey(id)).Distinct().ToArray())
            .ConfigureAwait(false);
        foreach (var (certification, artisan) in enrolled) artisanOf.TryAdd(certification, artisan);

        var pairs = issued.Where(x => artisanOf.ContainsKey(x.CertificationId))
            .Select(x => (Artisan: artisanOf[x.CertificationId], x.ValidFrom.Year)).Distinct().ToList();
        var firstMonth = await LookupAsync($"""
            select a.artisan_id, a.year, a.month from {Table(ArtisanYears)} a
            join unnest($1::uuid[], $2::int[]) as k(artisan_id, year) using (artisan_id, year)
            """, r => ((r.GetGuid(0), r.GetInt32(1)), r.GetInt32(2)), ct,
            pairs.Select(p => p.Artisan).ToArray(), pairs.Select(p => p.Year).ToArray()).ConfigureAwait(false);

        var months = new Dictionary<(int Year, int Month), (int Certificates, int Artisans)>();
        void Count(int year, int month, int certificates, int artisans)
        {
            var m = months.GetValueOrDefault((year, month));
            months[(year, month)] = (m.Certificates + certificates, m.Artisans + artisans);
        }
        var movedArtisans = new HashSet<(Guid Artisan, int Year)>();

        Fold(batch, e =>
        {
            if (e.Data is not CertificateIssued x) return;
            var (year, month) = (x.ValidFrom.Year, x.ValidFrom.Month);
            Count(year, month, 1, 0);
            if (!artisanOf.TryGetValue(x.CertificationId, out var artisan)) return;
            if (firstMonth.TryGetValue((artisan, year), out var first))
            {
                if (month >= first) return;
                Count(year, first, 0, -1);
            }
            Count(year, month, 0, 1);
            firstMonth[(artisan, year)] = month;
            movedArtisans.Add((artisan, year));
        });

        if (enrolled.Count > 0)
            Queue(operations, $"""
                insert into {Table(Certifications)} (certification_id, artisan_id)
                select * from unnest(?::uuid[], ?::uuid[]) on conflict (certification_id) do nothing
                """, enrolled.Keys.ToArray(), enrolled.Values.ToArray());
        if (movedArtisans.Count > 0)
        {
            var rows = movedArtisans.ToList();
            Queue(operations, $"""
                insert into {Table(ArtisanYears)} (artisan_id, year, month)
                select * from unnest(?::uuid[], ?::int[], ?::int[])
                on conflict (artisan_id, year) do update set month = excluded.month
                """, rows.Select(r => r.Artisan).ToArray(), rows.Select(r => r.Year).ToArray(), rows.Select(r => firstMonth[r]).ToArray());
        }
        if (months.Count > 0)
            Queue(operations, $"""
                insert into {Table(Months)} as m (year, month, certified, artisans)
                select * from unnest(?::int[], ?::int[], ?::int[], ?::int[])
                on conflict (year, month) do update set certified = m.certified + excluded.certified, artisans = m.artisans + excluded.artisans
                """, months.Keys.Select(k => k.Year).ToArray(), months.Keys.Select(k => k.Month).ToArray(),
                months.Values.Select(v => v.Certificates).ToArray(), months.Values.Select(v => v.Artisans).ToArray());
    }
}

using Ledger.Certifications;
using Ledger.Projections.Daemon;
using Ledger.Projections.Querying;
using Ledger.Store;

namespace Ledger.Projections.TargetProgress;

/// <summary>Certificates first issued per month (renewals are not new certified artisans), folded per batch into one upsert per month.</summary>
public sealed class TargetProgressProjection : IAsyncProjection
{
    public const string Months = "target_progress_months";

    public string Name => "target_progress";

    public IReadOnlyList<ProjectionTable> Tables { get; } =
    [
        new(Months, t => $"""
            create table {t} (
                year       int not null,
                month      int not null check (month between 1 and 12),
                certified  int not null,
                primary key (year, month)
            );
            """),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var counts = new Dictionary<(int Year, int Month), int>();
        foreach (var e in batch)
            if (e.Data is CertificateIssued x)
                counts[(x.ValidFrom.Year, x.ValidFrom.Month)] = counts.GetValueOrDefault((x.ValidFrom.Year, x.ValidFrom.Month)) + 1;
        if (counts.Count == 0) return;

        await using var writer = new BatchWriter(context.Batch());
        writer.Add($"""
            insert into {context.Table(Months)} as m (year, month, certified)
            select * from unnest($1::int[], $2::int[], $3::int[])
            on conflict (year, month) do update set certified = m.certified + excluded.certified
            """, counts.Keys.Select(k => k.Year).ToArray(), counts.Keys.Select(k => k.Month).ToArray(), counts.Values.ToArray());
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }
}

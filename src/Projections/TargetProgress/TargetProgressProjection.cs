using JasperFx.Events;
using Ledger.Certifications;
using Ledger.Projections.ReadModels;
using Marten;

namespace Ledger.Projections.TargetProgress;

/// <summary>Certificates first issued per month (renewals are not new certified artisans), folded per page into one upsert per month.</summary>
public sealed class TargetProgressProjection(ReadModelTarget target) : ReadModelProjection(target)
{
    public const string Months = "target_progress_months";

    public override string ReadModel => "target_progress";

    public override IReadOnlyList<Type> EventTypes { get; } = [typeof(CertificateIssued)];

    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Months, t =>
        {
            t.AddColumn("year", "integer").AsPrimaryKey();
            t.AddColumn("month", "integer").AsPrimaryKey();
            t.AddColumn("certified", "integer").NotNull();
        }),
    ];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var counts = new Dictionary<(int Year, int Month), int>();
        Fold(batch, e =>
        {
            if (e.Data is CertificateIssued x)
                counts[(x.ValidFrom.Year, x.ValidFrom.Month)] = counts.GetValueOrDefault((x.ValidFrom.Year, x.ValidFrom.Month)) + 1;
        });
        if (counts.Count == 0) return Task.CompletedTask;

        Queue(operations, $"""
            insert into {Table(Months)} as m (year, month, certified)
            select * from unnest(?::int[], ?::int[], ?::int[])
            on conflict (year, month) do update set certified = m.certified + excluded.certified
            """, counts.Keys.Select(k => k.Year).ToArray(), counts.Keys.Select(k => k.Month).ToArray(), counts.Values.ToArray());
        return Task.CompletedTask;
    }
}

using Ledger.Testing;
using Ledger.Projections.Daemon;
using Ledger.Store;
using Npgsql;
using NpgsqlTypes;

namespace Projections.Tests.Support;

/// <summary>
/// One row per tally with its name, total and event count: a read model shaped like the real ones. It folds
/// a batch in memory per tally and writes each touched row once, in one set-based statement.
/// </summary>
public sealed class TallyTotalsProjection : IAsyncProjection
{
    public const string Table = "tally_totals";

    public string Name => "tally_totals";

    public IReadOnlyList<ProjectionTable> Tables { get; } =
    [
        new(Table, t => $"""
            create table {t} (
                tally_id  uuid primary key,
                name      text not null,
                total     int not null,
                events    int not null
            );
            create index {t.Name}_by_name on {t} (name);
            """),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        // Per tally: the last name given in this batch ("" when none), and what the batch adds.
        var changes = new Dictionary<Guid, (string Name, int Total, int Events)>();
        foreach (var e in batch)
        {
            var (name, total, events) = changes.GetValueOrDefault(e.StreamId, ("", 0, 0));
            changes[e.StreamId] = e.Data switch
            {
                TallyOpened o => (o.Name, total, events + 1),
                TallyIncremented i => (name, total + i.By, events + 1),
                TallyRenamed { Name: Tally.Poison } => throw new InvalidOperationException($"A tally cannot be named '{Tally.Poison}'."),
                TallyRenamed r => (r.Name, total, events + 1),
                _ => (name, total, events),
            };
        }
        if (changes.Count == 0) return;

        var t = context.Table(Table);
        await using var upsert = context.Command($"""
            insert into {t} as row (tally_id, name, total, events)
            select * from unnest($1::uuid[], $2::text[], $3::int[], $4::int[])
            on conflict (tally_id) do update set
                name = case when excluded.name <> '' then excluded.name else row.name end,
                total = row.total + excluded.total,
                events = row.events + excluded.events
            """,
            new NpgsqlParameter { Value = changes.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new NpgsqlParameter { Value = changes.Values.Select(c => c.Name).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = changes.Values.Select(c => c.Total).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new NpgsqlParameter { Value = changes.Values.Select(c => c.Events).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        await upsert.ExecuteNonQueryAsync(ct);
    }
}

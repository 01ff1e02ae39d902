using Ledger.Projections.Daemon;
using Ledger.Store;
using Npgsql;

namespace Projections.Tests.Support;

/// <summary>One row per tally with its name, total and event count: a read model shaped like the real ones.</summary>
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
        var t = context.Table(Table);
        await using var sql = context.Batch();
        foreach (var e in batch)
        {
            switch (e.Data)
            {
                case TallyOpened o:
                    Add(sql, $"insert into {t} (tally_id, name, total, events) values ($1, $2, 0, 1)", o.TallyId, o.Name);
                    break;
                case TallyIncremented i:
                    Add(sql, $"update {t} set total = total + $2, events = events + 1 where tally_id = $1", i.TallyId, i.By);
                    break;
                case TallyRenamed { Name: Tally.Poison }:
                    throw new InvalidOperationException($"A tally cannot be named '{Tally.Poison}'.");
                case TallyRenamed r:
                    Add(sql, $"update {t} set name = $2, events = events + 1 where tally_id = $1", r.TallyId, r.Name);
                    break;
            }
        }
        if (sql.BatchCommands.Count > 0) await sql.ExecuteNonQueryAsync(ct);
    }

    static void Add(NpgsqlBatch batch, string text, params object[] values)
    {
        var command = new NpgsqlBatchCommand(text);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        batch.BatchCommands.Add(command);
    }
}

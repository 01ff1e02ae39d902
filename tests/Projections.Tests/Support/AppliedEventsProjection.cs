using Ledger.Projections.Daemon;
using Ledger.Store;
using Npgsql;
using NpgsqlTypes;

namespace Projections.Tests.Support;

/// <summary>
/// Records every event it is given, how many times, and in which order: the witness that nothing is
/// applied twice, skipped, or applied out of log order.
/// </summary>
public sealed class AppliedEventsProjection(string name = "applied_events") : IAsyncProjection
{
    public const string Table = "applied_events";

    public string Name { get; } = name;

    public IReadOnlyList<ProjectionTable> Tables { get; } =
    [
        new(Table, t => $"""
            create table {t} (
                seq       bigint primary key,
                stream_id uuid not null,
                version   bigint not null,
                applied   int not null,
                ordinal   bigint generated always as identity
            );
            """),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        await using var command = context.Command($"""
            insert into {context.Table(Table)} (seq, stream_id, version, applied)
            select s, id, v, 1 from unnest($1::bigint[], $2::uuid[], $3::bigint[]) with ordinality as e(s, id, v, o)
            order by o
            on conflict (seq) do update set applied = {context.Table(Table)}.applied + 1
            """,
            new NpgsqlParameter { Value = batch.Select(e => e.Sequence).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            new NpgsqlParameter { Value = batch.Select(e => e.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new NpgsqlParameter { Value = batch.Select(e => e.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(ct);
    }
}

using JasperFx.Events;
using Ledger.Projections.ReadModels;
using Ledger.Testing;
using Marten;

namespace Projections.Tests.Support;

/// <summary>
/// Records every event it is given, how many times, and in which order: the witness that nothing is applied
/// twice, skipped, or applied out of log order. It refuses a tally renamed <see cref="Tally.Poison"/>.
/// </summary>
public sealed class AppliedEventsProjection(ReadModelTarget target) : ReadModelProjection(target)
{
    public new const string Table = "applied_events";

    public override string ReadModel => "applied_events";

    public override IReadOnlyList<ReadModelTable> Tables { get; } = [];

    /// <summary>The witness table (created by the test: an identity column records the order of arrival).</summary>
    public static string Create(string schema) => $"""
        create table "{schema}".{Table} (seq bigint primary key, stream_id uuid not null, applied int not null, ordinal bigint generated always as identity)
        """;

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        Fold(events, e =>
        {
            if (e.Data is TallyRenamed { Name: Tally.Poison }) throw new InvalidOperationException($"A tally cannot be named '{Tally.Poison}'.");
        });
        if (events.Count == 0) return Task.CompletedTask;
        Queue(operations, $"""
            insert into {Target.Database.Quoted}.{Table} as a (seq, stream_id, applied)
            select s, id, 1 from unnest(?::bigint[], ?::uuid[]) with ordinality as e(s, id, o) order by o
            on conflict (seq) do update set applied = a.applied + 1
            """, events.Select(e => e.Sequence).ToArray(), events.Select(e => e.StreamId).ToArray());
        return Task.CompletedTask;
    }
}

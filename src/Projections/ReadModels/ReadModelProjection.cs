using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Projections;
using Npgsql;

namespace Ledger.Projections.ReadModels;

/// <summary>
/// An analytics read model run by Marten's async daemon: it folds a page of events in memory, reading the
/// lookup rows the page touches in one query, and queues one set-based statement per touched table on the
/// daemon's batch, which commits with the shard's progress. An event it cannot apply is reported to Marten
/// as an <see cref="ApplyEventException"/> naming that event, so Marten's error policy can skip it to the
/// dead letters or stop the projection there.
/// </summary>
public abstract class ReadModelProjection(ReadModelTarget target) : IProjection
{
    /// <summary>Where this instance writes: the live tables, or a rebuild's shadows.</summary>
    public ReadModelTarget Target { get; } = target;

    /// <summary>The read model's stable name (snake_case); the live projection's name in Marten. Never rename it.</summary>
    public abstract string ReadModel { get; }

    /// <summary>The projection's name in Marten: the read model's, with the shadow suffix when it rebuilds.</summary>
    public string Name => ReadModel + Target.Suffix;

    /// <summary>
    /// The shape of the read model's tables and of what they hold: raised when a change to the tables or to the fold
    /// needs every event folded again, so that migrating an upgraded deployment rebuilds it (<see cref="ReadModelShapes"/>).
    /// </summary>
    public virtual int Shape => 1;

    /// <summary>The tables the read model owns, in the order a rebuild's swap locks them (queries join them in that order).</summary>
    public abstract IReadOnlyList<ReadModelTable> Tables { get; }

    /// <summary>
    /// The event types <see cref="ApplyAsync"/> folds; an event of any other type changes nothing. Marten's daemon loads
    /// only these (and its own <c>Archived</c>) from the log, so a page holds no event the read model would only skip.
    /// Empty: every event.
    /// </summary>
    public virtual IReadOnlyList<Type> EventTypes => [];

    public abstract Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation);

    /// <summary>The schema-qualified physical name of one of the tables, for SQL.</summary>
    protected string Table(string name) => Target.Qualified(name);

    /// <summary>Runs <paramref name="apply"/> on each event in order; a failure is reported as that event's.</summary>
    protected static void Fold(IReadOnlyList<IEvent> events, Action<IEvent> apply)
    {
        foreach (var e in events)
        {
            try
            {
                apply(e);
            }
            catch (Exception error) when (error is not ApplyEventException and not OperationCanceledException)
            {
                throw new ApplyEventException(e, error);
            }
        }
    }

    /// <summary>
    /// Reads the committed lookup rows a page touches in one query (keys passed as arrays, one per key column).
    /// Marten's daemon writes a shard's pages one after another, so the previous page is committed when this runs.
    /// </summary>
    protected async Task<Dictionary<TKey, TRow>> LookupAsync<TKey, TRow>(string sql, Func<NpgsqlDataReader, (TKey Key, TRow Row)> read,
        CancellationToken ct, params Array[] keys) where TKey : notnull
    {
        var rows = new Dictionary<TKey, TRow>();
        if (keys.Length == 0 || keys[0].Length == 0) return rows;
        await using var command = Target.Database.DataSource.CreateCommand(sql);
        foreach (var k in keys) command.Parameters.Add(new NpgsqlParameter { Value = k });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var (key, row) = read(reader);
            rows[key] = row;
        }
        return rows;
    }

    /// <summary>Queues one statement on the batch (placeholders <c>?</c>, in order); times travel in UTC, as <c>timestamptz</c> takes them.</summary>
    protected static void Queue(IDocumentOperations operations, string sql, params object?[] values) =>
        operations.QueueSqlCommand(sql, values.Select(v => v switch
        {
            DateTimeOffset d => d.ToUniversalTime(),
            DateTimeOffset[] ds => Array.ConvertAll(ds, d => d.ToUniversalTime()),
            _ => v,
        }).ToArray()!);
}

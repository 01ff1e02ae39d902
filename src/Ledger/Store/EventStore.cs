using Ledger.Store.Schema;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Ledger.Store;

/// <summary>
/// The event store on PostgreSQL: streams of immutable events with optimistic concurrency, one global
/// order, inline projections committed with the events, and time travel over any stream.
/// Split by concern: <c>EventStore.Append.cs</c>, <c>EventStore.Fetch.cs</c>, <c>EventStore.ReadAll.cs</c>.
/// </summary>
public sealed partial class EventStore
{
    readonly List<IInlineProjection> inlineProjections = [];

    public EventStore(
        NpgsqlDataSource dataSource,
        EventTypeRegistry events,
        LedgerStoreOptions? options = null,
        TimeProvider? time = null)
    {
        options ??= new LedgerStoreOptions();
        DataSource = dataSource;
        Events = events;
        Schema = new SchemaName(options.Schema);
        Time = time ?? TimeProvider.System;
        Migrator = new Migrator(dataSource, Schema);
        Resilience = BuildResilience(options);
        ChainHashes = options.ChainHashes;
    }

    public NpgsqlDataSource DataSource { get; }

    public EventTypeRegistry Events { get; }

    public SchemaName Schema { get; }

    public TimeProvider Time { get; }

    public Migrator Migrator { get; }

    /// <summary>Retries transient database errors (a dropped connection, a restarting server, a deadlock).</summary>
    public ResiliencePipeline Resilience { get; }

    internal bool ChainHashes { get; }

    /// <summary>The projections updated in the same transaction as every append, in the order they run.</summary>
    public IReadOnlyList<IInlineProjection> InlineProjections => inlineProjections;

    public EventStore AddInlineProjection(IInlineProjection projection)
    {
        inlineProjections.Add(projection);
        return this;
    }

    public Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken ct = default) => Migrator.MigrateAsync(ct);

    static ResiliencePipeline BuildResilience(LedgerStoreOptions options) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
                MaxRetryAttempts = options.TransientRetries,
                Delay = options.TransientRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();

    /// <summary>PostgreSQL keeps microseconds; the store rounds its clock the same way so that what it hashes and returns is what it stored.</summary>
    internal DateTimeOffset Now()
    {
        var now = Time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}

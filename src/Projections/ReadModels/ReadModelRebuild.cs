using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Npgsql;

namespace Ledger.Projections.ReadModels;

/// <summary>What a rebuild did: the events it replayed up to the sequence it swapped in at, and how long it took.</summary>
public sealed record RebuildResult(string ReadModel, long Events, long Sequence, TimeSpan Elapsed)
{
    /// <summary>Of <see cref="Elapsed"/>, the time Marten's daemon took to replay the log into the shadow tables.</summary>
    public TimeSpan Replay { get; init; }
}

/// <summary>
/// Rebuilds a read model without readers ever seeing it empty or half-built: Marten's daemon replays the whole
/// log through the read model's shadow twin into fresh shadow tables (<c>regency_totals__rebuild</c>) while the
/// live tables keep serving and the live projection keeps following the log. Then, in one transaction that locks
/// the live tables, the shadow catches up with the live projection's progress and is renamed into the live
/// tables' place, indexes and all. Readers waiting on the lock then read the rebuilt tables. Runs from any node,
/// whether or not it leads the daemon; two rebuilds of one read model never run at once.
/// </summary>
public static class ReadModelRebuild
{
    /// <summary>The advisory lock class that keeps two rebuilds of one read model apart ("LR").</summary>
    const int RebuildLockClass = 0x4C52;

    /// <summary>
    /// Rebuilds <paramref name="readModel"/> and swaps it in; <paramref name="replayed"/> hears, about every second of the
    /// replay, the sequence the shadow has reached.
    /// </summary>
    public static async Task<RebuildResult> RebuildAsync(IDocumentStore store, string readModel, IProgress<long>? replayed = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var options = (StoreOptions)store.Options;
        var shadow = Find(options, readModel + ReadModelTarget.Shadow);
        var database = shadow.Target.Database;
        var progression = $"{database.Quoted}.mt_event_progression";

        await using var guard = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (!await ScalarAsync<bool>(guard, null, "select pg_try_advisory_lock($1, hashtext($2))", ct, RebuildLockClass, $"{database.Schema}.{readModel}").ConfigureAwait(false))
            throw new InvalidOperationException($"The read model '{readModel}' is already being rebuilt.");
        try
        {
            await CreateShadowTablesAsync(guard, options, shadow, ct).ConfigureAwait(false);
            var replay = Stopwatch.StartNew();
            using (var daemon = await store.BuildProjectionDaemonAsync().ConfigureAwait(false))
            {
                using var replaying = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var watching = replayed is null ? Task.CompletedTask : WatchReplayAsync(database.DataSource, progression, shadow.Name, replayed, replaying.Token);
                try
                {
                    await daemon.RebuildProjectionAsync(shadow.Name, TimeSpan.FromMinutes(30), ct).ConfigureAwait(false);
                }
                finally
                {
                    await replaying.CancelAsync().ConfigureAwait(false);
                    await watching.ConfigureAwait(false);
                }
            }
            replay.Stop();
            var rebuiltTo = await ProgressAsync(guard, null, progression, shadow.Name, ct).ConfigureAwait(false) ?? 0;
            await WaitForLiveAsync(guard, progression, readModel, rebuiltTo, ct).ConfigureAwait(false);
            var swappedAt = await SwapAsync(store, shadow, readModel, rebuiltTo, ct).ConfigureAwait(false);
            await ExecuteAsync(guard, null, $"delete from {progression} where name = $1", ct, ShardOf(shadow.Name)).ConfigureAwait(false);
            var events = await ScalarAsync<long>(guard, null, $"select count(*) from {database.Quoted}.mt_events where seq_id <= $1", ct, swappedAt).ConfigureAwait(false);
            return new RebuildResult(readModel, events, swappedAt, clock.Elapsed) { Replay = replay.Elapsed };
        }
        finally
        {
            await ExecuteAsync(guard, null, "select pg_advisory_unlock($1, hashtext($2))", CancellationToken.None, RebuildLockClass, $"{database.Schema}.{readModel}").ConfigureAwait(false);
        }
    }

    /// <summary>Reports the shadow's progress, as the daemon records it, every second until the replay ends.</summary>
    static async Task WatchReplayAsync(NpgsqlDataSource dataSource, string progression, string shadow, IProgress<long> replayed, CancellationToken ct)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                if (await ProgressAsync(connection, null, progression, shadow, ct).ConfigureAwait(false) is { } sequence) replayed.Report(sequence);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    static ReadModelProjection Find(StoreOptions options, string name) =>
        options.Projections.All.OfType<IProjectionWrapper>().Select(w => w.InnerProjection).OfType<ReadModelProjection>().FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentOutOfRangeException(nameof(name), $"No read model has a projection named '{name}'.");

    /// <summary>The shard a projection's progress is recorded under in <c>mt_event_progression</c>.</summary>
    public static string ShardOf(string projection) => projection + ":All";

    static async Task CreateShadowTablesAsync(NpgsqlConnection connection, StoreOptions options, ReadModelProjection shadow, CancellationToken ct)
    {
        foreach (var table in shadow.Tables)
        {
            var physical = shadow.Target.Physical(table.Name);
            var create = new StringWriter();
            table.Build(shadow.Target.Database.Schema, physical).WriteCreateStatement(options.Advanced.Migrator, create);
            await ExecuteAsync(connection, null, $"drop table if exists {shadow.Target.Qualified(table.Name)}", ct).ConfigureAwait(false);
            await ExecuteAsync(connection, null, create.ToString(), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Gives a running live projection a moment to pass the sequence the shadow reached, so the swap rarely has to move
    /// it; a live projection that has never recorded progress, or does not advance for a second (stopped, or run by no
    /// daemon), is not waited for.
    /// </summary>
    static async Task WaitForLiveAsync(NpgsqlConnection connection, string progression, string readModel, long sequence, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var (last, since) = (-1L, DateTime.UtcNow);
        while (DateTime.UtcNow < deadline)
        {
            if (await ProgressAsync(connection, null, progression, readModel, ct).ConfigureAwait(false) is not { } at || at >= sequence) return;
            if (at != last) (last, since) = (at, DateTime.UtcNow);
            else if (DateTime.UtcNow - since > TimeSpan.FromSeconds(1)) return;
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Catches the shadow up with the live projection and renames it into place; returns the sequence both stand at.</summary>
    static async Task<long> SwapAsync(IDocumentStore store, ReadModelProjection shadow, string readModel, long rebuiltTo, CancellationToken ct)
    {
        var database = shadow.Target.Database;
        var progression = $"{database.Quoted}.mt_event_progression";
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            try
            {
                await ExecuteAsync(connection, tx, "set local lock_timeout = '5s'", ct).ConfigureAwait(false);
                // The live tables, in the order the read model lists them (the order its queries join them in).
                var live = string.Join(", ", shadow.Tables.Select(t => $"{database.Quoted}.{t.Name}"));
                await ExecuteAsync(connection, tx, $"lock table {live} in access exclusive mode", ct).ConfigureAwait(false);
                var liveAt = await ProgressAsync(connection, tx, progression, readModel, ct, forUpdate: true).ConfigureAwait(false);

                var at = rebuiltTo;
                if (liveAt > rebuiltTo)
                {
                    await CatchUpAsync(store, tx, shadow, rebuiltTo, liveAt.Value, ct).ConfigureAwait(false);
                    at = liveAt.Value;
                }
                else if (liveAt < rebuiltTo || liveAt is null)
                {
                    // The live projection is behind (stopped, or not yet run): it goes on from where the shadow stands.
                    await ExecuteAsync(connection, tx, $"""
                        insert into {progression} (name, last_seq_id) values ($1, $2)
                        on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = transaction_timestamp()
                        """, ct, ShardOf(readModel), rebuiltTo).ConfigureAwait(false);
                }

                foreach (var table in shadow.Tables)
                    await RenameIntoPlaceAsync(connection, tx, database.Quoted, shadow.Target.Physical(table.Name), table.Name, ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return at;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable && attempt < 10)
            {
                await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                await Task.Delay(200 * attempt, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Applies the events after the rebuild's end up to the live projection's progress to the shadow, in the swap's transaction.</summary>
    static async Task CatchUpAsync(IDocumentStore store, NpgsqlTransaction tx, ReadModelProjection shadow, long from, long to, CancellationToken ct)
    {
        await using var session = store.LightweightSession(SessionOptions.ForTransaction(tx));
        var events = (await session.Events.QueryAllRawEvents().Where(e => e.Sequence > from && e.Sequence <= to)
            .OrderBy(e => e.Sequence).ToListAsync(ct).ConfigureAwait(false)).ToList<IEvent>();
        while (true)
        {
            try
            {
                await shadow.ApplyAsync(session, events, ct).ConfigureAwait(false);
                break;
            }
            catch (ApplyEventException failed)
            {
                // The live projection skipped it to the dead letters as well (a projection stopping on error never passes it).
                events.Remove(failed.Event);
            }
        }
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    static async Task RenameIntoPlaceAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, string shadow, string live, CancellationToken ct)
    {
        var indexes = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = $1::regclass", connection, tx))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = $"{schema}.{shadow}" });
            await using var reader = await list.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) indexes.Add(reader.GetString(0));
        }
        await ExecuteAsync(connection, tx, $"drop table {schema}.{live}", ct).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, $"alter table {schema}.{shadow} rename to {live}", ct).ConfigureAwait(false);
        foreach (var index in indexes.Where(i => i.StartsWith(shadow, StringComparison.Ordinal)))
            await ExecuteAsync(connection, tx, $"alter index {schema}.{index} rename to {live + index[shadow.Length..]}", ct).ConfigureAwait(false);
    }

    internal static async Task<long?> ProgressAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string progression, string projection, CancellationToken ct, bool forUpdate = false)
    {
        await using var command = new NpgsqlCommand(
            $"select last_seq_id from {progression} where name = $1{(forUpdate ? " for update" : "")}", connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = ShardOf(projection) });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long sequence ? sequence : null;
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        return (T)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

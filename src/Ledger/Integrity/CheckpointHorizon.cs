using Npgsql;

namespace Ledger.Integrity;

/// <summary>
/// How far a new checkpoint may reach without covering a gap in <c>seq_id</c> that might still fill.
/// <para>
/// Marten draws <c>seq_id</c> from <c>mt_events_sequence</c> before it inserts the event, so a transaction still
/// in flight can hold a number below events already committed; a checkpoint over that range would later find an
/// extra event in it. Gaps also stay for good (a rolled-back append burns its numbers), so waiting for every
/// gap to fill is no answer either. The horizon is therefore:
/// </para>
/// <list type="number">
/// <item>read the sequence's last drawn value <c>R</c> and the server's clock <c>F</c>, in one statement: every
/// number up to <c>R</c> was drawn before <c>F</c>, by a transaction that began before <c>F</c>;</item>
/// <item>look for a transaction that began before <c>F</c> (or whose start another role's privileges hide,
/// or a prepared one) and still holds a lock on <c>mt_streams</c> or <c>mt_events</c>. In Quick append, which
/// the ledger uses, the one statement that draws an event's number has read <c>mt_streams</c> first, and a
/// transaction keeps its locks until it ends: any transaction that may still add an event numbered up to
/// <c>R</c> is among these;</item>
/// <item>when there is none, every number up to <c>R</c> is final (committed, or never to be) and the checkpoint
/// covers the events up to <c>R</c> that the next statement sees, gaps and all;</item>
/// <item>otherwise it covers only the unbroken run of numbers after the previous checkpoint: every number in it
/// is a committed event, so nothing can come in between.</item>
/// </list>
/// A session left idle in a transaction that read the event tables keeps the horizon at the unbroken run
/// until it ends (set <c>idle_in_transaction_session_timeout</c>). Marten's high-water mark is not used: it is
/// kept only while the async daemon runs.
/// </summary>
static class CheckpointHorizon
{
    /// <summary>The sequence's last drawn value (0 when none) and the moment it was read.</summary>
    public static async Task<(long Reserved, DateTimeOffset Fence)> ReadReservedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select case when s.is_called then s.last_value else 0 end, clock_timestamp() from {schema}.mt_events_sequence s", connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Whether a transaction other than this one that began before <paramref name="fence"/> may still add an event.</summary>
    public static async Task<bool> MayStillAddEventsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, DateTimeOffset fence, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select exists (
                select 1
                from pg_locks l left join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'relation'
                  and l.database = (select d.oid from pg_database d where d.datname = current_database())
                  and l.relation in ('{schema}.mt_events'::regclass, '{schema}.mt_streams'::regclass)
                  and l.pid is distinct from pg_backend_pid()
                  and (a.xact_start is null or a.xact_start < $1))
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = fence });
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}

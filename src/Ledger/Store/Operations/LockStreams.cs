using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Operations;

/// <summary>
/// Takes the append locks of the streams a unit of work writes, in a fixed order (no deadlocks), before
/// anything assigns the transaction id. Writers of one stream therefore get ever larger transaction ids,
/// which keeps the (tx_id, seq) order that projections read consistent with every stream's versions.
/// </summary>
static class LockStreams
{
    public static NpgsqlBatchCommand Command(IEnumerable<Guid> streamIds)
    {
        var keys = SortedKeys(streamIds);
        var command = new NpgsqlBatchCommand(
            "select pg_advisory_xact_lock(k) from unnest($1::bigint[]) with ordinality as t(k, o) order by o");
        command.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return command;
    }

    public static long[] SortedKeys(IEnumerable<Guid> streamIds) => streamIds.Select(LockKey).Distinct().Order().ToArray();

    /// <summary>The advisory lock key of a stream: its id folded to 64 bits.</summary>
    public static long LockKey(Guid streamId)
    {
        Span<byte> bytes = stackalloc byte[16];
        streamId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}

using Ledger.Store.Schema;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Operations;

/// <summary>
/// Takes the streams' append locks and the transaction id, and fails the batch when a stream is not at its
/// expected version; that failure becomes a <see cref="ConcurrencyException"/>.
/// </summary>
static partial class CheckStreamVersions
{
    public static NpgsqlBatchCommand Command(string schema, IReadOnlyList<StreamAppend> appends)
    {
        var command = new NpgsqlBatchCommand($"select {schema}.begin_append($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = LockStreams.SortedKeys(appends.Select(a => a.StreamId)), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = appends.Select(a => a.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = appends.Select(a => a.ExpectedVersion).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return command;
    }

    public static bool IsConflict(PostgresException e, out ConcurrencyException conflict)
    {
        conflict = null!;
        if (e.SqlState != StreamVersionCheck.SqlState || Message().Match(e.MessageText) is not { Success: true } m) return false;
        conflict = new ConcurrencyException(Guid.Parse(m.Groups[1].Value), long.Parse(m.Groups[3].Value), long.Parse(m.Groups[2].Value));
        return true;
    }

    [GeneratedRegex(@"^stream ([0-9a-f-]{36}) is at version (\d+), not (-?\d+)$")]
    private static partial Regex Message();
}

using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Integrity;

public sealed partial class LedgerIntegrity
{
    /// <summary>The proof of one stream's events; empty when the stream has none.</summary>
    public async Task<StreamProof> ProveStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = new List<(long Seq, ulong Tx, long Version, string Type, string Data, string Metadata, long Micros, byte[] Hash)>();
        await using (var command = new NpgsqlCommand($"""
            select seq, tx_id, version, type, data::text, metadata::text, (extract(epoch from recorded_at) * 1000000)::bigint, hash
            from {S}.events where stream_id = $1 order by version
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                rows.Add((reader.GetInt64(0), reader.GetFieldValue<ulong>(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetInt64(6), reader.GetFieldValue<byte[]>(7)));
        }

        var checkpoints = (await ReadCheckpointsAsync(connection, null, lastOnly: false, ct).ConfigureAwait(false)).ToList();
        var ranges = new Dictionary<long, List<(LogPosition Position, byte[] Hash)>>();
        var proven = new List<ProvenEvent>(rows.Count);
        var previous = CanonicalEncoding.Genesis;
        foreach (var row in rows)
        {
            var position = new LogPosition(row.Tx, row.Seq);
            var index = checkpoints.FindIndex(c => position.CompareTo(c.Position) <= 0);
            CheckpointInclusion? inclusion = null;
            if (index >= 0)
            {
                var checkpoint = checkpoints[index];
                if (!ranges.TryGetValue(checkpoint.Number, out var leaves))
                    ranges[checkpoint.Number] = leaves = await ReadRangeAsync(connection,
                        index == 0 ? LogPosition.Start : checkpoints[index - 1].Position, checkpoint.Position, ct).ConfigureAwait(false);
                var leaf = leaves.FindIndex(l => l.Position == position);
                if (leaf >= 0)
                {
                    var path = MerkleTree.InclusionProof(leaves.Select(l => l.Hash).ToList(), leaf);
                    inclusion = new CheckpointInclusion(checkpoint.Number, leaf, leaves.Count,
                        path.Select(p => Convert.ToHexString(p).ToLowerInvariant()).ToList(),
                        Encoding.UTF8.GetString(checkpoint.Statement()), Convert.ToBase64String(checkpoint.Signature));
                }
            }
            proven.Add(new ProvenEvent(row.Seq, row.Version, row.Type, row.Data, row.Metadata, row.Micros,
                Convert.ToHexString(previous).ToLowerInvariant(), Convert.ToHexString(row.Hash).ToLowerInvariant(), inclusion));
            previous = row.Hash;
        }
        return new StreamProof(streamId, signer.PublicKeyPem, signer.KeyId, proven);
    }

    async Task<List<(LogPosition Position, byte[] Hash)>> ReadRangeAsync(NpgsqlConnection connection, LogPosition after, LogPosition upTo, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select tx_id, seq, hash from {S}.events where (tx_id, seq) > ($1, $2) and (tx_id, seq) <= ($3, $4) order by tx_id, seq", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = upTo.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = upTo.Sequence });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var leaves = new List<(LogPosition, byte[])>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            leaves.Add((new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetFieldValue<byte[]>(2)));
        return leaves;
    }
}

using System.Text;
using Npgsql;

namespace Ledger.Integrity;

public sealed partial class LedgerIntegrity
{
    /// <summary>The proof of one stream's events; empty when the stream has none.</summary>
    public async Task<StreamProof> ProveStreamAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        var rows = new List<(long Position, long Version, string Type, string Data, string Metadata, long Micros, string? Previous, string? Hash)>();
        await using (var command = new NpgsqlCommand($"""
            select e.seq_id, e.version, e.type, e.data::text, {CanonicalEncoding.MetadataSql("e")}, {CanonicalEncoding.MicrosSql("e")},
                   e.headers ->> '{CanonicalEncoding.PreviousHashHeader}', e.headers ->> '{CanonicalEncoding.HashHeader}'
            from {schema}.mt_events e where e.stream_id = $1 order by e.version
            """, connection, tx))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        var checkpoints = (await ReadCheckpointsAsync(connection, tx, lastOnly: false, ct).ConfigureAwait(false)).ToList();
        var ranges = new Dictionary<long, List<(long Position, byte[] Hash)>>();
        var proven = new List<ProvenEvent>(rows.Count);
        foreach (var row in rows)
        {
            var index = checkpoints.FindIndex(c => row.Position <= c.Position);
            CheckpointInclusion? inclusion = null;
            if (index >= 0)
            {
                var checkpoint = checkpoints[index];
                if (!ranges.TryGetValue(checkpoint.Number, out var leaves))
                    ranges[checkpoint.Number] = leaves = await ReadRangeAsync(connection, tx,
                        index == 0 ? 0 : checkpoints[index - 1].Position, checkpoint.Position, ct).ConfigureAwait(false);
                var leaf = leaves.FindIndex(l => l.Position == row.Position);
                if (leaf >= 0)
                {
                    var path = MerkleTree.InclusionProof(leaves.Select(l => l.Hash).ToList(), leaf);
                    inclusion = new CheckpointInclusion(checkpoint.Number, leaf, leaves.Count,
                        path.Select(p => Convert.ToHexString(p).ToLowerInvariant()).ToList(),
                        Encoding.UTF8.GetString(checkpoint.Statement()), Convert.ToBase64String(checkpoint.Signature));
                }
            }
            proven.Add(new ProvenEvent(row.Position, row.Version, row.Type, row.Data, row.Metadata, row.Micros,
                row.Previous ?? "", row.Hash ?? "", inclusion));
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new StreamProof(streamId, signer.PublicKeyPem, signer.KeyId, proven);
    }

    async Task<List<(long Position, byte[] Hash)>> ReadRangeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long after, long upTo, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select seq_id, headers ->> '{CanonicalEncoding.HashHeader}' from {schema}.mt_events where seq_id > $1 and seq_id <= $2 order by seq_id",
            connection, tx) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = upTo });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var leaves = new List<(long, byte[])>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            leaves.Add((reader.GetInt64(0), CanonicalEncoding.ParseHash(reader.IsDBNull(1) ? null : reader.GetString(1))));
        return leaves;
    }
}

using Npgsql;
using NpgsqlTypes;

namespace Ledger.Store.Integrity;

/// <summary>
/// Tamper evidence: writes signed checkpoints over the committed log, verifies every stream's hash chain
/// and every checkpoint, and proves one stream's events to an auditor who holds only the public key.
/// </summary>
public sealed partial class LedgerIntegrity(EventStore store, CheckpointSigner signer)
{
    const int MaxFailures = 100;

    string S => store.Schema.Quoted;

    public CheckpointSigner Signer => signer;

    /// <summary>Signs a checkpoint over everything committed since the last one; null when nothing is new.</summary>
    public async Task<Checkpoint?> WriteCheckpointAsync(CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('ledger-checkpoint:' || $1))", connection, tx))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = store.Schema.Name });
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var last = (await ReadCheckpointsAsync(connection, tx, lastOnly: true, ct).ConfigureAwait(false)).SingleOrDefault();
        var after = last?.Position ?? LogPosition.Start;
        var tree = new MerkleTree();
        var position = after;
        await using (var read = new NpgsqlCommand($"""
            select tx_id, seq, hash from {S}.events
            where (tx_id, seq) > ($1, $2) and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id, seq
            """, connection, tx))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            read.Parameters.Add(new NpgsqlParameter { Value = after.Sequence });
            await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                position = new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
                tree.Add(reader.GetFieldValue<byte[]>(2));
            }
        }
        if (tree.Count == 0) return null;

        var number = (last?.Number ?? 0) + 1;
        var root = tree.Root();
        var previous = last?.Digest() ?? new byte[32];
        var signature = signer.Sign(Checkpoint.StatementOf(number, position, tree.Count, root, previous));
        var checkpoint = new Checkpoint(number, position, tree.Count, root, previous, signature, signer.KeyId, store.Now());

        await using (var insert = new NpgsqlCommand($"""
            insert into {S}.checkpoints (number, tx_id, seq, event_count, range_root, previous, signature, key_id, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, connection, tx))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Number });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Position.Sequence });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.EventCount });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.RangeRoot });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Previous });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Signature });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.KeyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.CreatedAt });
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return checkpoint;
    }

    public async Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await ReadCheckpointsAsync(connection, null, lastOnly: false, ct).ConfigureAwait(false);
    }

    async Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, bool lastOnly, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select number, tx_id, seq, event_count, range_root, previous, signature, key_id, created_at from {S}.checkpoints " +
            (lastOnly ? "order by number desc limit 1" : "order by number"), connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var checkpoints = new List<Checkpoint>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            checkpoints.Add(new Checkpoint(reader.GetInt64(0), new LogPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)),
                reader.GetInt64(3), reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<byte[]>(5), reader.GetFieldValue<byte[]>(6),
                reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8)));
        return checkpoints;
    }

    /// <summary>
    /// Recomputes every stream's hash chain from the stored events, then every checkpoint's range root,
    /// chain link and signature. <paramref name="progress"/> receives the number of events checked so far.
    /// </summary>
    public async Task<IntegrityReport> VerifyAsync(IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var failures = new List<IntegrityFailure>();
        var (events, streams, highest) = await VerifyStreamsAsync(failures, progress, ct).ConfigureAwait(false);
        var (checkpoints, signedUpTo) = await VerifyCheckpointsAsync(failures, ct).ConfigureAwait(false);
        return new IntegrityReport(events, streams, checkpoints, highest, signedUpTo, failures);
    }

    async Task<(long Events, long Streams, long Highest)> VerifyStreamsAsync(List<IntegrityFailure> failures, IProgress<long>? progress, CancellationToken ct)
    {
        void Fail(IntegrityFailure f) { if (failures.Count < MaxFailures) failures.Add(f); }

        await using var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            select e.stream_id, e.version, e.type, e.data::text, e.metadata::text,
                   (extract(epoch from e.recorded_at) * 1000000)::bigint, e.hash, e.seq, s.version, s.last_hash
            from {S}.events e left join {S}.streams s on s.id = e.stream_id
            order by e.stream_id, e.version
            """, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct).ConfigureAwait(false);

        long events = 0, streams = 0, highest = 0;
        Guid stream = Guid.Empty;
        long lastVersion = 0, headVersion = 0, lastSeq = 0;
        byte[] previous = CanonicalEncoding.Genesis;
        byte[]? headHash = null;

        void CloseStream()
        {
            if (stream == Guid.Empty) return;
            if (headVersion != lastVersion || headHash is null || !headHash.AsSpan().SequenceEqual(previous))
                Fail(new IntegrityFailure("stream-head",
                    $"stream {stream} ends at version {lastVersion} (position {lastSeq}), but its head says version {headVersion}",
                    stream, lastVersion, lastSeq));
        }

        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var id = reader.GetGuid(0);
            var version = reader.GetInt64(1);
            var type = reader.GetString(2);
            var data = reader.GetString(3);
            var metadata = reader.GetString(4);
            var micros = reader.GetInt64(5);
            var hash = reader.GetFieldValue<byte[]>(6);
            var seq = reader.GetInt64(7);
            var streamVersion = reader.IsDBNull(8) ? 0 : reader.GetInt64(8);
            var streamHash = reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9);

            if (id != stream)
            {
                CloseStream();
                (stream, lastVersion, previous, headVersion, headHash) = (id, 0, CanonicalEncoding.Genesis, streamVersion, streamHash);
                streams++;
            }
            if (version != lastVersion + 1)
                Fail(new IntegrityFailure("missing-version",
                    $"stream {id} jumps from version {lastVersion} to {version} at position {seq}: an event was removed or renumbered",
                    id, version, seq));

            var expected = CanonicalEncoding.Chain(previous, CanonicalEncoding.ContentHash(id, version, type, data, metadata, micros));
            if (!expected.AsSpan().SequenceEqual(hash))
                Fail(new IntegrityFailure("event-hash",
                    $"event {version} of stream {id} at position {seq} does not match its hash: its data, metadata, type or time was changed after it was recorded",
                    id, version, seq));

            previous = hash;
            lastVersion = version;
            lastSeq = seq;
            highest = Math.Max(highest, seq);
            if (++events % 100_000 == 0) progress?.Report(events);
        }
        CloseStream();
        progress?.Report(events);
        return (events, streams, highest);
    }

    async Task<(long Checked, LogPosition? SignedUpTo)> VerifyCheckpointsAsync(List<IntegrityFailure> failures, CancellationToken ct)
    {
        var checkpoints = await ReadCheckpointsAsync(ct).ConfigureAwait(false);
        if (checkpoints.Count == 0) return (0, null);

        await using var connection = await store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"select tx_id, seq, hash from {S}.events where (tx_id, seq) <= ($1, $2) order by tx_id, seq", connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoints[^1].Position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoints[^1].Position.Sequence });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);

        var previousDigest = new byte[32];
        var pending = await reader.ReadAsync(ct).ConfigureAwait(false);
        LogPosition? signedUpTo = null;
        foreach (var checkpoint in checkpoints)
        {
            var tree = new MerkleTree();
            long firstSeq = 0;
            while (pending)
            {
                var position = new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
                if (position.CompareTo(checkpoint.Position) > 0) break;
                if (tree.Count == 0) firstSeq = position.Sequence;
                tree.Add(reader.GetFieldValue<byte[]>(2));
                pending = await reader.ReadAsync(ct).ConfigureAwait(false);
            }

            var ok = true;
            if (tree.Count != checkpoint.EventCount || !tree.Root().AsSpan().SequenceEqual(checkpoint.RangeRoot))
            {
                ok = false;
                failures.Add(new IntegrityFailure("checkpoint-range",
                    $"checkpoint {checkpoint.Number} signed {checkpoint.EventCount} events up to position {checkpoint.Position.Sequence}, " +
                    $"but the log now holds {tree.Count} different or reordered events there (from position {firstSeq})",
                    Sequence: checkpoint.Position.Sequence, Checkpoint: checkpoint.Number));
            }
            if (!checkpoint.Previous.AsSpan().SequenceEqual(previousDigest))
            {
                ok = false;
                failures.Add(new IntegrityFailure("checkpoint-chain",
                    $"checkpoint {checkpoint.Number} does not follow checkpoint {checkpoint.Number - 1}", Checkpoint: checkpoint.Number));
            }
            if (!signer.Verify(checkpoint.Statement(), checkpoint.Signature))
            {
                ok = false;
                failures.Add(new IntegrityFailure("checkpoint-signature",
                    $"checkpoint {checkpoint.Number} is not signed by the ledger's key {signer.KeyId}", Checkpoint: checkpoint.Number));
            }
            if (ok) signedUpTo = checkpoint.Position;
            previousDigest = checkpoint.Digest();
        }
        return (checkpoints.Count, signedUpTo);
    }
}

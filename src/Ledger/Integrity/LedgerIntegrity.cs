using Marten;
using Npgsql;

namespace Ledger.Integrity;

/// <summary>
/// Tamper evidence over Marten's <c>mt_events</c>: writes signed checkpoints over the committed log, verifies every
/// stream's hash chain and every checkpoint, and proves one stream's events to an auditor who holds only the
/// public key. Works in the event store's schema of <paramref name="store"/>, whose <see cref="Marten.TamperEvidence"/>
/// feature keeps the chain and the checkpoints table.
/// </summary>
public sealed partial class LedgerIntegrity(IDocumentStore store, CheckpointSigner signer, TimeProvider time)
{
    /// <summary>The most failures a report lists; it counts them all.</summary>
    public const int MaxFailuresListed = 1_000;

    readonly string schema = store.Options.Events.DatabaseSchemaName;

    public CheckpointSigner Signer => signer;

    string Checkpoints => $"{schema}.{CheckpointsTable.TableName}";

    async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Signs a checkpoint over the events committed since the last one, as far as <see cref="CheckpointHorizon"/>
    /// allows; null when nothing new can be covered. Writers in several processes take turns under a lock.
    /// </summary>
    public async Task<Checkpoint?> WriteCheckpointAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('ledger-checkpoint:' || $1))", connection, tx))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = schema });
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var last = (await ReadCheckpointsAsync(connection, tx, lastOnly: true, ct).ConfigureAwait(false)).SingleOrDefault();
        var after = last?.Position ?? 0;
        var (reserved, fence) = await CheckpointHorizon.ReadReservedAsync(connection, tx, schema, ct).ConfigureAwait(false);
        var unbrokenOnly = await CheckpointHorizon.MayStillAddEventsAsync(connection, tx, schema, fence, ct).ConfigureAwait(false);

        var tree = new MerkleTree();
        var position = after;
        await using (var read = new NpgsqlCommand(
            $"select seq_id, headers ->> '{CanonicalEncoding.HashHeader}' from {schema}.mt_events where seq_id > $1 and seq_id <= $2 order by seq_id",
            connection, tx) { CommandTimeout = 0 })
        {
            read.Parameters.Add(new NpgsqlParameter { Value = after });
            read.Parameters.Add(new NpgsqlParameter { Value = reserved });
            await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var seq = reader.GetInt64(0);
                if (unbrokenOnly && seq != position + 1) break;
                position = seq;
                tree.Add(CanonicalEncoding.ParseHash(reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }
        if (tree.Count == 0) return null;

        var number = (last?.Number ?? 0) + 1;
        var root = tree.Root();
        var previous = last?.Digest() ?? new byte[32];
        var signature = signer.Sign(Checkpoint.StatementOf(number, position, tree.Count, root, previous));
        var checkpoint = new Checkpoint(number, position, tree.Count, root, previous, signature, signer.KeyId, time.GetUtcNow());

        await using (var insert = new NpgsqlCommand($"""
            insert into {Checkpoints} (number, position, event_count, range_root, previous, signature, key_id, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """, connection, tx))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Number });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Position });
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

    /// <summary>The signed checkpoints, oldest first.</summary>
    public async Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await ReadCheckpointsAsync(connection, null, lastOnly: false, ct).ConfigureAwait(false);
    }

    async Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, bool lastOnly, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select number, position, event_count, range_root, previous, signature, key_id, created_at from {Checkpoints} " +
            (lastOnly ? "order by number desc limit 1" : "order by number"), connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var checkpoints = new List<Checkpoint>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            checkpoints.Add(new Checkpoint(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3),
                reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<byte[]>(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        return checkpoints;
    }
}

using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Integrity;

public sealed partial class LedgerIntegrity
{
    /// <summary>
    /// Recomputes every event's hash and every stream's chain, and every checkpoint's range root, chain link and
    /// signature, in one pass over the log in <c>seq_id</c> order (a binary COPY; the server prints each event's
    /// canonical bytes, the hashing is done here). Every failure is counted; the first
    /// <see cref="MaxFailuresListed"/> are listed. <paramref name="progress"/> receives the number of events
    /// checked so far.
    /// </summary>
    public async Task<IntegrityReport> VerifyAsync(IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var started = Stopwatch.StartNew();
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        // One snapshot for the checkpoints, the events and the streams.
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        var failures = new FailureLog(MaxFailuresListed);
        var checkpoints = await ReadCheckpointsAsync(connection, tx, lastOnly: false, ct).ConfigureAwait(false);
        var chains = new StreamChains(failures);
        var ranges = new CheckpointRanges(checkpoints, signer, failures);
        long events = 0, highest = 0;
        await using (var reader = await connection.BeginBinaryExportAsync($"""
            copy (select e.seq_id, e.stream_id, e.version, {CanonicalEncoding.ContentSql("e")},
                         e.headers ->> '{CanonicalEncoding.PreviousHashHeader}', e.headers ->> '{CanonicalEncoding.HashHeader}'
                  from {schema}.mt_events e order by e.seq_id)
            to stdout (format binary)
            """, ct).ConfigureAwait(false))
        {
            reader.Timeout = TimeSpan.Zero;
            while (await reader.StartRowAsync(ct).ConfigureAwait(false) != -1)
            {
                var position = await reader.ReadAsync<long>(NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                var stream = await reader.ReadAsync<Guid>(NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                var version = await reader.ReadAsync<long>(NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                var content = await reader.ReadAsync<byte[]>(NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                var previous = CanonicalEncoding.ParseHash(await ReadTextAsync(reader, ct).ConfigureAwait(false));
                var hash = CanonicalEncoding.ParseHash(await ReadTextAsync(reader, ct).ConfigureAwait(false));

                chains.Check(position, stream, version, content, previous, hash);
                ranges.Add(position, hash);
                highest = position;
                if (++events % 100_000 == 0) progress?.Report(events);
            }
        }
        ranges.Finish();
        chains.CheckHeads(await ReadStreamVersionsAsync(connection, tx, ct).ConfigureAwait(false));
        await tx.CommitAsync(ct).ConfigureAwait(false);
        progress?.Report(events);
        return new IntegrityReport(events, chains.Streams, checkpoints.Count, highest, ranges.SignedUpTo, failures.Listed, failures.Count, started.Elapsed);
    }

    static async Task<string?> ReadTextAsync(NpgsqlBinaryExporter reader, CancellationToken ct)
    {
        if (!reader.IsNull) return await reader.ReadAsync<string>(NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await reader.SkipAsync(ct).ConfigureAwait(false);
        return null;
    }

    async Task<Dictionary<Guid, long>> ReadStreamVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select id, version from {schema}.mt_streams", connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var versions = new Dictionary<Guid, long>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) versions[reader.GetGuid(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        return versions;
    }
}

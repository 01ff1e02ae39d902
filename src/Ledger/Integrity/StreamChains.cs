using System.Security.Cryptography;

namespace Ledger.Integrity;

/// <summary>
/// Follows every stream's hash chain while the log is read in <c>seq_id</c> order: each event must carry the next
/// version of its stream, the hash of the event before it as its <c>prev_hash</c>, and the hash recomputed from
/// its canonical bytes and that <c>prev_hash</c>. Each check names the event it fails on, so that every event
/// tampered with is named, not only the first.
/// </summary>
sealed class StreamChains(FailureLog failures)
{
    sealed class Head
    {
        public long Version;
        public long Position;
        public byte[] Hash = CanonicalEncoding.Genesis;
    }

    readonly Dictionary<Guid, Head> heads = [];

    public long Streams => heads.Count;

    /// <param name="previous">The recorded <c>prev_hash</c> (empty when missing).</param>
    /// <param name="hash">The recorded <c>hash</c> (empty when missing).</param>
    public void Check(long position, Guid stream, long version, ReadOnlySpan<byte> content, byte[] previous, byte[] hash)
    {
        if (!heads.TryGetValue(stream, out var head)) heads[stream] = head = new Head();

        if (version != head.Version + 1)
            failures.Add(new IntegrityFailure(IntegrityChecks.MissingVersion,
                version > head.Version + 1
                    ? $"stream {stream} jumps from version {head.Version} to {version} at position {position}: an event was removed or renumbered"
                    : $"stream {stream} goes back from version {head.Version} to {version} at position {position}: events were renumbered or reordered",
                stream, version, position));
        else if (hash.Length > 0 && !previous.AsSpan().SequenceEqual(head.Hash))
            failures.Add(new IntegrityFailure(IntegrityChecks.PreviousHash,
                $"event {version} of stream {stream} at position {position} does not follow event {head.Version}: " +
                "its prev_hash is not that event's hash, which was replaced or rehashed",
                stream, version, position));

        Span<byte> contentHash = stackalloc byte[32];
        SHA256.HashData(content, contentHash);
        var chainedOnto = previous.Length == 32 ? previous : head.Hash;
        if (hash.Length == 0 || !CanonicalEncoding.Chain(chainedOnto, contentHash).AsSpan().SequenceEqual(hash))
            failures.Add(new IntegrityFailure(IntegrityChecks.EventHash,
                hash.Length == 0
                    ? $"event {version} of stream {stream} at position {position} has no hash: it was not recorded through the ledger's chain"
                    : $"event {version} of stream {stream} at position {position} does not match its hash: its data, metadata, type, version or time was changed after it was recorded",
                stream, version, position));

        head.Version = version;
        head.Position = position;
        head.Hash = hash;
    }

    /// <summary>Compares each stream's last event with its recorded version (<c>mt_streams.version</c>).</summary>
    public void CheckHeads(IReadOnlyDictionary<Guid, long> recordedVersions)
    {
        foreach (var (stream, head) in heads)
            if (!recordedVersions.TryGetValue(stream, out var recorded) || recorded != head.Version)
                failures.Add(new IntegrityFailure(IntegrityChecks.StreamHead,
                    $"stream {stream} ends at version {head.Version} (position {head.Position}), but it is recorded at version {(recordedVersions.ContainsKey(stream) ? recorded : "none")}",
                    stream, head.Version, head.Position));
        foreach (var (stream, recorded) in recordedVersions)
            if (!heads.ContainsKey(stream) && recorded > 0)
                failures.Add(new IntegrityFailure(IntegrityChecks.StreamHead,
                    $"stream {stream} is recorded at version {recorded}, but none of its events remains", stream, recorded));
    }
}

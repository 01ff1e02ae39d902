using System.Text;

namespace Ledger.Integrity;

/// <summary>
/// Everything an outside auditor needs to check one stream with the public key alone: each event's
/// canonical fields and hash, and for events a checkpoint covers, the Merkle audit path to that
/// checkpoint's signed range root, the signed statement and its signature.
/// </summary>
public sealed record StreamProof(Guid StreamId, string PublicKeyPem, string KeyId, IReadOnlyList<ProvenEvent> Events)
{
    /// <summary>
    /// Checks the proof as an outside auditor would: recomputes each event's hash from its fields and its
    /// predecessor, its Merkle path to the checkpoint's root, and the checkpoint's signature under
    /// <paramref name="publicKeyPem"/>. Returns the problems found (none: the proof holds).
    /// </summary>
    public static IReadOnlyList<string> Check(StreamProof proof, string publicKeyPem)
    {
        var problems = new List<string>();
        using var key = CheckpointSigner.FromPem(publicKeyPem);
        var previous = CanonicalEncoding.Genesis;
        var expectedVersion = 1L;
        foreach (var e in proof.Events)
        {
            if (e.Version != expectedVersion) problems.Add($"version {expectedVersion} is missing before version {e.Version}");
            expectedVersion = e.Version + 1;
            var hash = CanonicalEncoding.ParseHash(e.Hash);
            if (!CanonicalEncoding.ParseHash(e.PreviousHash).AsSpan().SequenceEqual(previous))
                problems.Add($"event {e.Version} does not follow event {e.Version - 1}");
            var recomputed = CanonicalEncoding.Chain(previous,
                CanonicalEncoding.ContentHash(proof.StreamId, e.Version, e.Type, e.Data, e.Metadata, e.RecordedAtMicros));
            if (!recomputed.AsSpan().SequenceEqual(hash)) problems.Add($"event {e.Version} does not match its hash");
            previous = hash;

            if (e.Inclusion is not { } inclusion) continue;
            var root = MerkleTree.RootFromProof(hash, inclusion.LeafIndex, inclusion.RangeSize,
                inclusion.AuditPath.Select(Convert.FromHexString).ToList());
            var statement = Encoding.UTF8.GetBytes(inclusion.Statement);
            if (!inclusion.Statement.Contains($"range-root {Convert.ToHexString(root).ToLowerInvariant()}", StringComparison.Ordinal))
                problems.Add($"event {e.Version} is not in checkpoint {inclusion.Checkpoint}'s range");
            if (!key.Verify(statement, Convert.FromBase64String(inclusion.Signature)))
                problems.Add($"checkpoint {inclusion.Checkpoint} is not signed by this key");
        }
        return problems;
    }
}

/// <param name="Position">The event's <c>seq_id</c>.</param>
/// <param name="Data">The data exactly as the canonical encoding takes it (PostgreSQL's jsonb text).</param>
/// <param name="Metadata">The metadata object exactly as the canonical encoding takes it (PostgreSQL's jsonb text).</param>
/// <param name="PreviousHash">The hex chain hash recorded as the event's <c>prev_hash</c>.</param>
/// <param name="Hash">The hex chain hash recorded as the event's <c>hash</c>.</param>
/// <param name="Inclusion">Null when no checkpoint covers the event yet.</param>
public sealed record ProvenEvent(
    long Position,
    long Version,
    string Type,
    string Data,
    string Metadata,
    long RecordedAtMicros,
    string PreviousHash,
    string Hash,
    CheckpointInclusion? Inclusion);

/// <param name="Statement">The signed statement, as text (UTF-8 when signed).</param>
/// <param name="Signature">Base64 ECDSA P-256 SHA-256 signature, IEEE P1363.</param>
public sealed record CheckpointInclusion(long Checkpoint, long LeafIndex, long RangeSize, IReadOnlyList<string> AuditPath, string Statement, string Signature);

namespace Ledger.Integrity;

/// <summary>
/// Checks the signed checkpoints while the log is read in <c>seq_id</c> order: each one's range (the events after
/// the previous checkpoint's position up to its own) must give the Merkle root and count it signed, it must chain
/// to the checkpoint before it, and its signature must hold under the ledger's key.
/// </summary>
sealed class CheckpointRanges(IReadOnlyList<Checkpoint> checkpoints, CheckpointSigner signer, FailureLog failures)
{
    int current;
    MerkleTree tree = new();
    long firstPosition;
    byte[] previousDigest = new byte[32];

    /// <summary>The position of the last checkpoint that held, if any.</summary>
    public long? SignedUpTo { get; private set; }

    public void Add(long position, byte[] hash)
    {
        while (current < checkpoints.Count && position > checkpoints[current].Position) Close();
        if (current == checkpoints.Count) return;
        if (tree.Count == 0) firstPosition = position;
        tree.Add(hash);
    }

    /// <summary>Closes the checkpoints the log ended in or before.</summary>
    public void Finish()
    {
        while (current < checkpoints.Count) Close();
    }

    void Close()
    {
        var checkpoint = checkpoints[current];
        var holds = true;
        if (tree.Count != checkpoint.EventCount || !tree.Root().AsSpan().SequenceEqual(checkpoint.RangeRoot))
        {
            holds = false;
            failures.Add(new IntegrityFailure(IntegrityChecks.CheckpointRange,
                $"checkpoint {checkpoint.Number} signed {checkpoint.EventCount} events up to position {checkpoint.Position}, " +
                $"but the log now holds {tree.Count} different, changed or reordered events there" + (tree.Count > 0 ? $" (from position {firstPosition})" : ""),
                Position: checkpoint.Position, Checkpoint: checkpoint.Number));
        }
        if (!checkpoint.Previous.AsSpan().SequenceEqual(previousDigest))
        {
            holds = false;
            failures.Add(new IntegrityFailure(IntegrityChecks.CheckpointChain,
                $"checkpoint {checkpoint.Number} does not follow checkpoint {checkpoint.Number - 1}", Position: checkpoint.Position, Checkpoint: checkpoint.Number));
        }
        if (!signer.Verify(checkpoint.Statement(), checkpoint.Signature))
        {
            holds = false;
            failures.Add(new IntegrityFailure(IntegrityChecks.CheckpointSignature,
                $"checkpoint {checkpoint.Number} is not signed by the ledger's key {signer.KeyId}", Position: checkpoint.Position, Checkpoint: checkpoint.Number));
        }
        if (holds) SignedUpTo = checkpoint.Position;
        previousDigest = checkpoint.Digest();
        tree = new MerkleTree();
        current++;
    }
}

using System.Security.Cryptography;
using Ledger.Integrity;

namespace Ledger.Tests.Integrity;

public sealed class MerkleProofs
{
    [Fact]
    public void every_leaf_of_trees_of_every_size_up_to_40_proves_back_to_the_root()
    {
        for (var size = 1; size <= 40; size++)
        {
            var hashes = Enumerable.Range(0, size).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).ToList();
            var root = MerkleTree.RootOf(hashes);
            for (var i = 0; i < size; i++)
                MerkleTree.RootFromProof(hashes[i], i, size, MerkleTree.InclusionProof(hashes, i)).ShouldBe(root, $"leaf {i} of {size}");
        }
    }

    [Fact]
    public void a_proof_for_another_leaf_does_not_reach_the_root()
    {
        var hashes = Enumerable.Range(0, 7).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).ToList();
        var root = MerkleTree.RootOf(hashes);
        MerkleTree.RootFromProof(hashes[3], 3, 7, MerkleTree.InclusionProof(hashes, 2)).ShouldNotBe(root);
    }
}

using System.Security.Cryptography;

namespace Ledger.Integrity;

/// <summary>
/// A Merkle tree over event hashes as Certificate Transparency defines it (RFC 6962, section 2.1):
/// leaf = SHA-256(0x00 ‖ event hash), node = SHA-256(0x01 ‖ left ‖ right), split at the largest power of
/// two below the leaf count. Roots are built incrementally; inclusion proofs let an auditor check one
/// event against a signed root with a handful of hashes.
/// </summary>
public sealed class MerkleTree
{
    // Perfect subtrees still open, largest first: (height, root).
    readonly List<(int Height, byte[] Hash)> stack = [];

    public long Count { get; private set; }

    public void Add(ReadOnlySpan<byte> eventHash)
    {
        var node = Leaf(eventHash);
        var height = 0;
        while (stack.Count > 0 && stack[^1].Height == height)
        {
            node = Node(stack[^1].Hash, node);
            stack.RemoveAt(stack.Count - 1);
            height++;
        }
        stack.Add((height, node));
        Count++;
    }

    /// <summary>The root over every hash added (SHA-256 of nothing for an empty tree).</summary>
    public byte[] Root()
    {
        if (stack.Count == 0) return SHA256.HashData([]);
        var root = stack[^1].Hash;
        for (var i = stack.Count - 2; i >= 0; i--) root = Node(stack[i].Hash, root);
        return root;
    }

    public static byte[] RootOf(IReadOnlyList<byte[]> eventHashes)
    {
        var tree = new MerkleTree();
        foreach (var h in eventHashes) tree.Add(h);
        return tree.Root();
    }

    /// <summary>The audit path of leaf <paramref name="index"/>, from the leaf's sibling up.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> eventHashes, int index)
    {
        var leaves = eventHashes.Select(h => Leaf(h)).ToArray();
        var path = new List<byte[]>();
        Path(leaves, index, path);
        return path;
    }

    /// <summary>Recomputes the root from one event hash, its index, the leaf count and its audit path (RFC 9162, 2.1.3.2).</summary>
    public static byte[] RootFromProof(ReadOnlySpan<byte> eventHash, long index, long count, IReadOnlyList<byte[]> proof)
    {
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index));
        long fn = index, sn = count - 1;
        var r = Leaf(eventHash);
        foreach (var p in proof)
        {
            if (sn == 0) throw new ArgumentException("The proof is longer than the tree is high.");
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(p, r);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                r = Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) throw new ArgumentException("The proof is shorter than the tree is high.");
        return r;
    }

    static byte[] Path(ReadOnlySpan<byte[]> leaves, int index, List<byte[]> path)
    {
        if (leaves.Length == 1) return leaves[0];
        var k = 1;
        while (k * 2 < leaves.Length) k *= 2;
        if (index < k)
        {
            var left = Path(leaves[..k], index, path);
            var right = Subtree(leaves[k..]);
            path.Add(right);
            return Node(left, right);
        }
        else
        {
            var right = Path(leaves[k..], index - k, path);
            var left = Subtree(leaves[..k]);
            path.Add(left);
            return Node(left, right);
        }
    }

    static byte[] Subtree(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1) return leaves[0];
        var k = 1;
        while (k * 2 < leaves.Length) k *= 2;
        return Node(Subtree(leaves[..k]), Subtree(leaves[k..]));
    }

    static byte[] Leaf(ReadOnlySpan<byte> hash)
    {
        Span<byte> buffer = stackalloc byte[1 + hash.Length];
        buffer[0] = 0;
        hash.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + left.Length + right.Length];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + left.Length)..]);
        return SHA256.HashData(buffer);
    }
}

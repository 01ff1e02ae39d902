using System.Security.Cryptography;
using System.Text;

namespace Ledger.Domain;

/// <summary>Name-based UUIDs (RFC 9562 version 5): the same name always gives the same stream id.</summary>
public static class DeterministicId
{
    // The ledger's own namespace, so that its ids never collide with name-based ids of other systems.
    static readonly Guid Namespace = new("6f1c3c1e-8f0a-4d6b-9a57-1c2b3d4e5f60");

    public static Guid From(string kind, string name)
    {
        var ns = Namespace.ToByteArray(bigEndian: true);
        var text = Encoding.UTF8.GetBytes($"{kind}:{name}");
        var hash = SHA1.HashData([.. ns, .. text]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

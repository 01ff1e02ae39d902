using System.Security.Cryptography;

namespace Ledger.Integrity;

/// <summary>
/// Signs and checks checkpoints with an ECDSA P-256 key held outside the database (a PEM file or
/// configuration). Signatures are SHA-256, IEEE P1363 (r ‖ s, 64 bytes). Only the public key is needed to check.
/// </summary>
public sealed class CheckpointSigner : IDisposable
{
    readonly ECDsa key;

    CheckpointSigner(ECDsa key, bool canSign)
    {
        this.key = key;
        CanSign = canSign;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();
    }

    public bool CanSign { get; }

    /// <summary>The public key as a PEM "PUBLIC KEY" block, to publish.</summary>
    public string PublicKeyPem { get; }

    /// <summary>A short fingerprint of the public key: the first 16 hex digits of SHA-256 over its DER encoding.</summary>
    public string KeyId { get; }

    public static CheckpointSigner Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true);

    /// <summary>From a PEM private key (PKCS#8 or SEC1), or a public key to verify only.</summary>
    public static CheckpointSigner FromPem(string pem)
    {
        var (key, canSign) = PemKeys.Import(pem);
        if (key.KeySize != 256) throw new ArgumentException("The checkpoint key must be an ECDSA P-256 key.");
        return new CheckpointSigner(key, canSign);
    }

    /// <summary>Reads the key file, creating it with a new key when <paramref name="createIfMissing"/> is set.</summary>
    public static CheckpointSigner FromFile(string path, bool createIfMissing) =>
        FromPem(PemKeys.ReadFile(path, createIfMissing, $"The checkpoint signing key {path} does not exist."));

    public string PrivateKeyPem() => CanSign ? key.ExportPkcs8PrivateKeyPem() : throw new InvalidOperationException("This key can only verify.");

    public byte[] Sign(byte[] statement) =>
        CanSign ? key.SignData(statement, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                : throw new InvalidOperationException("This key can only verify; configure the private key to write checkpoints.");

    public bool Verify(byte[] statement, byte[] signature) =>
        key.VerifyData(statement, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => key.Dispose();
}

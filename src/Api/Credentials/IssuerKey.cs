using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Integrity;

namespace Ledger.Api.Credentials;

/// <summary>
/// One ECDSA P-256 key of the credentials' issuer, named by its JWK thumbprint (RFC 7638, SHA-256, base64url). The
/// current key signs; a retired key only verifies what it signed before.
/// </summary>
public sealed class IssuerKey : IDisposable
{
    readonly ECDsa key;

    IssuerKey(ECDsa key, bool canSign)
    {
        this.key = key;
        CanSign = canSign;
        var p = key.ExportParameters(false);
        (X, Y) = (Base64Url.EncodeToString(p.Q.X), Base64Url.EncodeToString(p.Q.Y));
        // The thumbprint hashes the required members in lexicographic order, without whitespace (RFC 7638, section 3.2).
        Thumbprint = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{X}}","y":"{{Y}}"}""")));
    }

    public bool CanSign { get; }

    /// <summary>The JWK thumbprint: the fragment of the key's id in the issuer's DID document.</summary>
    public string Thumbprint { get; }

    string X { get; }
    string Y { get; }

    public static IssuerKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true);

    /// <summary>From a PEM private key (PKCS#8 or SEC1), or a public key for a retired key that only verifies.</summary>
    public static IssuerKey FromPem(string pem)
    {
        var (key, canSign) = PemKeys.Import(pem);
        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            throw new ArgumentException("An issuer key must be an ECDSA P-256 key.");
        return new IssuerKey(key, canSign);
    }

    /// <summary>Reads a PEM file, creating it with a new key when <paramref name="createIfMissing"/> is set.</summary>
    public static IssuerKey FromFile(string path, bool createIfMissing) =>
        FromPem(PemKeys.ReadFile(path, createIfMissing, $"The issuer key {path} does not exist."));

    public string PrivateKeyPem() => CanSign ? key.ExportPkcs8PrivateKeyPem() : throw new InvalidOperationException("This key can only verify.");

    public string PublicKeyPem() => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The public key as a JWK (RFC 7517) under <paramref name="kid"/>, for ES256 signatures.</summary>
    public JsonObject PublicJwk(string kid) => new()
    {
        ["kty"] = "EC", ["crv"] = "P-256", ["x"] = X, ["y"] = Y, ["kid"] = kid, ["alg"] = "ES256", ["use"] = "sig",
    };

    /// <summary>An ES256 signature (RFC 7518, section 3.4): SHA-256, r ‖ s, 64 bytes.</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput) =>
        CanSign ? key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                : throw new InvalidOperationException("A retired issuer key only verifies.");

    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        signature.Length == 64 && key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => key.Dispose();
}

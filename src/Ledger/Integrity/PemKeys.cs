using System.Security.Cryptography;

namespace Ledger.Integrity;

/// <summary>
/// ECDSA keys as the ledger keeps them outside the database: PEM text from configuration, or a PEM file created with a
/// new P-256 key, readable by its owner only, when it is missing. The checkpoint signer and the credentials' issuer
/// keys are both read through here.
/// </summary>
public static class PemKeys
{
    /// <summary>The key in <paramref name="pem"/> (a private key, PKCS#8 or SEC1, or a public key), and whether it can sign.</summary>
    public static (ECDsa Key, bool CanSign) Import(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return (key, pem.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    /// <summary>
    /// The PEM text of the file at <paramref name="path"/>, writing a new P-256 private key there first when it is
    /// missing and <paramref name="createIfMissing"/> is set; otherwise a missing file is <paramref name="missing"/>'s error.
    /// </summary>
    public static string ReadFile(string path, bool createIfMissing, string missing)
    {
        if (!File.Exists(path))
        {
            if (!createIfMissing) throw new FileNotFoundException(missing, path);
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, fresh.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return File.ReadAllText(path);
    }
}

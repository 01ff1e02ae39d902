using Ledger.Domain;
using Ledger.Integrity;

namespace Ledger.Api.Hosting;

/// <summary>
/// The secrets the ledger cannot run without, all from configuration (ops/run keeps them in <c>.secrets/</c>):
/// <c>Ledger:PersonalData:NikHashSecret</c> (base64, at least 32 bytes: the key of the NIK hash that refuses a
/// second registration of the same person), and the checkpoint signing key, either
/// <c>Ledger:Integrity:CheckpointKey</c> (an ECDSA P-256 private key in PEM) or
/// <c>Ledger:Integrity:CheckpointKeyFile</c> (a PEM file, created with a new key when missing).
/// </summary>
public static class LedgerSecrets
{
    public const string NikHashSecret = "Ledger:PersonalData:NikHashSecret";
    public const string CheckpointKey = "Ledger:Integrity:CheckpointKey";
    public const string CheckpointKeyFile = "Ledger:Integrity:CheckpointKeyFile";

    /// <summary>What is missing or malformed, in words an operator can act on; null when all is well.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var nik = configuration[NikHashSecret];
        if (string.IsNullOrWhiteSpace(nik))
            return $"{NikHashSecret} is not set: give it a base64 secret of at least 32 bytes (ops/run makes one in .secrets/).";
        try
        {
            if (Convert.FromBase64String(nik).Length < 32) return $"{NikHashSecret} must decode to at least 32 bytes.";
        }
        catch (FormatException)
        {
            return $"{NikHashSecret} is not valid base64.";
        }
        if (string.IsNullOrWhiteSpace(configuration[CheckpointKey]) && string.IsNullOrWhiteSpace(configuration[CheckpointKeyFile]))
            return $"No checkpoint signing key: set {CheckpointKeyFile} to a PEM file (created when missing) or {CheckpointKey} to a PEM key.";
        return null;
    }

    public static DomainOptions DomainOptions(IConfiguration configuration)
    {
        if (Problem(configuration) is { } problem && problem.StartsWith(NikHashSecret, StringComparison.Ordinal))
            throw new InvalidOperationException(problem);
        return new DomainOptions { NikHashSecret = Convert.FromBase64String(configuration[NikHashSecret]!) };
    }

    public static CheckpointSigner CheckpointSigner(IConfiguration configuration) =>
        configuration[CheckpointKey] is { Length: > 0 } pem
            ? Ledger.Integrity.CheckpointSigner.FromPem(pem)
            : configuration[CheckpointKeyFile] is { Length: > 0 } file
                ? Ledger.Integrity.CheckpointSigner.FromFile(file, createIfMissing: true)
                : throw new InvalidOperationException($"No checkpoint signing key: set {CheckpointKeyFile} or {CheckpointKey}.");
}

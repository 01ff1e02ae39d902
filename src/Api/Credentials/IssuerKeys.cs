namespace Ledger.Api.Credentials;

/// <summary>
/// The issuer's keys, from configuration: the current key, which signs credentials and status lists
/// (<c>Ledger:Credentials:IssuerKey</c>, a PEM private key, or <c>Ledger:Credentials:IssuerKeyFile</c>, a PEM file created
/// with a new key when missing), and the retired keys, whose public halves still verify what they signed
/// (<c>Ledger:Credentials:RetiredKeys</c>, a list of PEM keys or paths of PEM files). To rotate: list the current key
/// among the retired ones, then configure a new current key.
/// </summary>
public sealed class IssuerKeys : IDisposable
{
    public const string Key = "Ledger:Credentials:IssuerKey";
    public const string KeyFile = "Ledger:Credentials:IssuerKeyFile";
    public const string RetiredKeys = "Ledger:Credentials:RetiredKeys";

    readonly Dictionary<string, IssuerKey> byThumbprint = new(StringComparer.Ordinal);

    public IssuerKeys(IssuerKey? current, IEnumerable<IssuerKey> retired, string? problem = null)
    {
        Current = current;
        Problem = problem;
        if (current is not null) byThumbprint[current.Thumbprint] = current;
        foreach (var key in retired) byThumbprint.TryAdd(key.Thumbprint, key);
    }

    /// <summary>The key that signs, or null when none is configured (<see cref="Problem"/> says so).</summary>
    public IssuerKey? Current { get; }

    /// <summary>Why there is no current key, in words an operator can act on.</summary>
    public string? Problem { get; }

    /// <summary>Every key that verifies: the current one first, then the retired ones.</summary>
    public IReadOnlyCollection<IssuerKey> All => byThumbprint.Values;

    public IssuerKey? Find(string thumbprint) => byThumbprint.GetValueOrDefault(thumbprint);

    public static IssuerKeys FromConfiguration(IConfiguration configuration)
    {
        var retired = configuration.GetSection(RetiredKeys).GetChildren()
            .Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v!.Contains("-----BEGIN", StringComparison.Ordinal) ? IssuerKey.FromPem(v) : IssuerKey.FromFile(v, createIfMissing: false))
            .ToList();
        if (configuration[Key] is { Length: > 0 } pem) return new IssuerKeys(IssuerKey.FromPem(pem), retired);
        if (configuration[KeyFile] is { Length: > 0 } file) return new IssuerKeys(IssuerKey.FromFile(file, createIfMissing: true), retired);
        return new IssuerKeys(null, retired,
            $"No issuer key: set {KeyFile} to a PEM file (created when missing) or {Key} to a PEM key (ops/run keeps one in .secrets/).");
    }

    public void Dispose()
    {
        foreach (var key in byThumbprint.Values) key.Dispose();
    }
}

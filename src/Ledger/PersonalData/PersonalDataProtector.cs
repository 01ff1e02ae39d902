using System.Security.Cryptography;
using System.Text;
using Ledger.Domain;
using Ledger.Marten;
using Npgsql;

namespace Ledger.PersonalData;

/// <summary>
/// Protects personal fields (name, NIK): each data subject has a random AES-256 key in
/// <c>personal_data_keys</c>; fields are sealed with AES-GCM under it, bound to the subject's id.
/// Erasing the key leaves the events and their hashes intact but the sealed fields unreadable.
/// The NIK is also hashed with HMAC-SHA256 under a ledger-wide secret, to find the same person twice
/// without ever storing the NIK in clear.
/// </summary>
public sealed class PersonalDataProtector
{
    const string Version = "v1";
    const int NonceSize = 12, TagSize = 16;

    readonly LedgerDatabase database;
    readonly byte[] nikSecret;

    public PersonalDataProtector(LedgerDatabase database, DomainOptions options)
    {
        options.Validate();
        this.database = database;
        nikSecret = [.. options.NikHashSecret];
    }

    /// <summary>The keyed hash of a NIK (hex), the same for the same NIK whatever its surrounding spaces.</summary>
    public string HashNik(string nik) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(nikSecret, Encoding.UTF8.GetBytes(nik.Trim())));

    /// <summary>
    /// A keyed fingerprint of a command as given (its JSON), kept with an idempotency key to tell a retry of the same
    /// request from another request under the same key; keyed, because a command may carry personal data.
    /// </summary>
    public string Fingerprint(ReadOnlySpan<byte> command) => Convert.ToHexStringLower(HMACSHA256.HashData(nikSecret, command))[..32];

    /// <summary>A new subject's random key, stored with their registration (<see cref="PersonalDataTables.StoreKey"/>).</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>Seals <paramref name="value"/> under a key the caller holds (a subject being registered now).</summary>
    public static string Seal(Guid subjectId, byte[] key, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), subjectId.ToByteArray());
        return $"{Version}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Seals <paramref name="value"/> for a registered subject; refused when the subject's key was erased.</summary>
    public async Task<string> SealAsync(Guid subjectId, string value, CancellationToken ct = default)
    {
        var key = await LoadKeyAsync(subjectId, ct).ConfigureAwait(false)
            ?? throw new DomainException($"The personal data of {subjectId} has been erased; it cannot be recorded again.");
        return Seal(subjectId, key, value);
    }

    /// <summary>Opens a sealed field; <see cref="Revealed.Erased"/> when the subject's key is gone.</summary>
    public async Task<Revealed> RevealAsync(Guid subjectId, string sealedValue, CancellationToken ct = default)
    {
        var key = await LoadKeyAsync(subjectId, ct).ConfigureAwait(false);
        return key is null ? Revealed.Erased : Revealed.Of(Open(subjectId, key, sealedValue));
    }

    /// <summary>
    /// Opens a sealed field with a key the caller read itself (e.g. joined into its own query, to save a round
    /// trip); <see cref="Revealed.Erased"/> when there is no key.
    /// </summary>
    public static Revealed Reveal(Guid subjectId, string sealedValue, byte[]? key) =>
        key is null ? Revealed.Erased : Revealed.Of(Open(subjectId, key, sealedValue));

    /// <summary>"Siti Rahayu" becomes "S***i R***u": enough to recognise, not enough to identify.</summary>
    public static string Mask(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        return string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word =>
            word.Length <= 2 ? word[..1] + "*" : $"{word[0]}***{word[^1]}"));
    }

    async Task<byte[]?> LoadKeyAsync(Guid subjectId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(PersonalDataTables.KeyQuery(database.Quoted));
        command.Parameters.Add(new NpgsqlParameter { Value = subjectId });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as byte[];
    }

    static string Open(Guid subjectId, byte[] key, string sealedValue)
    {
        if (!sealedValue.StartsWith(Version + ":", StringComparison.Ordinal))
            throw new FormatException("This is not a sealed personal field.");
        var bytes = Convert.FromBase64String(sealedValue[(Version.Length + 1)..]);
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain, subjectId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}

/// <summary>A personal field as read back: its value, or the fact that it was erased.</summary>
public sealed record Revealed(string? Value, bool IsErased)
{
    public static readonly Revealed Erased = new(null, true);

    public static Revealed Of(string value) => new(value, false);

    public override string ToString() => IsErased ? "(erased)" : Value ?? "";
}

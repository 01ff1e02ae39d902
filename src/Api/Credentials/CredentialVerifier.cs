using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Projections.Credentials;

namespace Ledger.Api.Credentials;

/// <summary>
/// The verdicts of a credential check, in the words the lookup uses for the certificate's status (a frozen certificate's
/// credential is <c>frozen</c>, though its status list's purpose is W3C's "suspension"), and <c>invalid</c> for a
/// credential that is not one of the ledger's.
/// </summary>
public static class CredentialVerdicts
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Frozen = "frozen";
    public const string Expired = "expired";
    public const string Invalid = "invalid";
}

/// <summary>
/// What a check of a credential found: the verdict (<see cref="CredentialVerdicts"/>), the reason in a sentence, and what
/// the credential says once its signature holds (the certificate number, the key, the validity).
/// </summary>
public sealed record CredentialCheck(
    string Status, string Reason, string? CertificateNumber = null, string? KeyId = null,
    DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidUntil = null);

/// <summary>
/// Checks a JOSE-secured credential the ledger issued: a compact JWS with ES256, <c>typ</c> <c>vc+jwt</c>, signed by
/// one of the issuer's keys (the current or a retired one, found by the thumbprint in <c>kid</c>) under the DID the
/// credential names as issuer; then each status entry's bit in the ledger's own status lists, and the validity
/// period at <paramref name="now"/>. Revoked outranks frozen, and both outrank expired.
/// </summary>
public sealed class CredentialVerifier(IssuerKeys keys, CredentialStatusQuery status)
{
    public async Task<CredentialCheck> CheckAsync(string? compact, DateTimeOffset now, CancellationToken ct = default)
    {
        var (jws, problem) = CompactJws.Read(compact);
        if (jws is null) return Invalid(problem!);
        if (Text(jws.Header, "alg") != "ES256") return Invalid($"It is signed with '{Text(jws.Header, "alg")}'; this ledger signs with ES256 only.");
        if (Text(jws.Header, "typ") is { } typ && typ != CompactJws.Type) return Invalid($"Its type is '{typ}', not {CompactJws.Type}.");
        var kid = Text(jws.Header, "kid");
        if (IssuerIdentity.Thumbprint(kid) is not { } thumbprint) return Invalid("Its header names no key (kid).");
        if (keys.Find(thumbprint) is not { } key) return Invalid($"It was signed with a key this ledger does not know ({kid}).");
        if (!key.Verify(jws.SigningInput, jws.Signature))
            return Invalid("Its signature does not match its content: it was altered after signing, or was not signed by this ledger.");

        var credential = jws.Payload;
        var issuer = credential["issuer"] is JsonObject profile ? Text(profile, "id") : Text(credential, "issuer");
        if (issuer != IssuerIdentity.DidOf(kid)) return Invalid($"Its issuer ({issuer}) is not the DID of the key that signed it ({kid}).");
        if (!Types(credential).Contains("VerifiableCredential")) return Invalid("It is not a verifiable credential (type).");
        var number = credential["credentialSubject"] is JsonObject subject ? Text(subject, "licenseNumber") : null;
        if (Date(credential, "validFrom") is not { } validFrom) return Invalid("It has no valid validFrom.");
        var validUntil = Date(credential, "validUntil");
        var seen = new CredentialCheck(CredentialVerdicts.Valid, "", number, kid, validFrom, validUntil);

        if (validFrom > now) return seen with { Status = CredentialVerdicts.Invalid, Reason = $"It is not valid before {AchievementCredential.Stamp(validFrom)}." };

        var bits = new Dictionary<string, bool>();
        foreach (var entry in (credential["credentialStatus"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(entry, "type") != "BitstringStatusListEntry") continue;
            var purpose = Text(entry, "statusPurpose");
            var listUrl = Text(entry, "statusListCredential");
            var list = StatusLists.Parse(listUrl?[(listUrl.LastIndexOf('/') + 1)..]);
            if (list is null || list.Value.Purpose != purpose
                || !int.TryParse(Text(entry, "statusListIndex"), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= StatusLists.Entries)
                return seen with { Status = CredentialVerdicts.Invalid, Reason = $"Its {purpose} status entry does not name one of this ledger's status lists and an index in it." };
            var state = await status.ListAsync(list.Value.Purpose, list.Value.Number, ct).ConfigureAwait(false);
            if (state is null) return seen with { Status = CredentialVerdicts.Invalid, Reason = $"Its status list {list.Value.Purpose}-{list.Value.Number} does not exist." };
            bits[purpose!] = StatusLists.IsSet(state.Bits, index);
        }
        if (!bits.ContainsKey(StatusLists.Revocation) || !bits.ContainsKey(StatusLists.Suspension))
            return seen with { Status = CredentialVerdicts.Invalid, Reason = "It lacks a revocation or a suspension status entry." };

        if (bits[StatusLists.Revocation])
            return seen with { Status = CredentialVerdicts.Revoked, Reason = $"Certificate {number} was revoked: its bit is set in the revocation list." };
        if (bits[StatusLists.Suspension])
            return seen with { Status = CredentialVerdicts.Frozen, Reason = $"Certificate {number} is frozen: its bit is set in the suspension list." };
        if (validUntil is { } until && until < now)
            return seen with { Status = CredentialVerdicts.Expired, Reason = $"Certificate {number} was valid until {AchievementCredential.Stamp(until)}." };
        return seen with { Reason = $"Signed by this ledger ({kid}), within its validity, neither revoked nor frozen." };
    }

    static CredentialCheck Invalid(string reason) => new(CredentialVerdicts.Invalid, reason);

    static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static IEnumerable<string> Types(JsonObject credential) => credential["type"] switch
    {
        JsonArray a => a.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : "").ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    static DateTimeOffset? Date(JsonObject o, string name) =>
        Text(o, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
}

using System.Text.Json.Nodes;
using Ledger.Projections.Credentials;

namespace Ledger.Api.Credentials;

/// <summary>
/// A status list as a <c>BitstringStatusListCredential</c> (Bitstring Status List v1.0): its purpose, the encoded list
/// (<see cref="StatusLists.Encode"/>), valid from its last change, with the time a verifier may keep it (<c>ttl</c>, in
/// milliseconds, the same as the answer's <c>Cache-Control: max-age</c>).
/// </summary>
public static class StatusListCredential
{
    public static JsonObject Build(StatusListState list, IssuerIdentity issuer, TimeSpan ttl, DateTimeOffset now)
    {
        var url = issuer.StatusListUrl(list.Name);
        return new JsonObject
        {
            ["@context"] = new JsonArray(AchievementCredential.VcContext),
            ["id"] = url,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = issuer.Did,
            ["validFrom"] = AchievementCredential.Stamp((list.Version == 0 ? now : list.UpdatedAt).ToOffset(AchievementCredential.Jakarta)),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = $"{url}#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = list.Purpose,
                ["encodedList"] = StatusLists.Encode(list.Bits),
                ["ttl"] = (long)ttl.TotalMilliseconds,
            },
        };
    }
}

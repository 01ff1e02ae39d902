using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Api.Pages.Printing;
using Ledger.Projections.Credentials;

namespace Ledger.Api.Credentials;

/// <summary>
/// A certificate as an Open Badges 3.0 <c>AchievementCredential</c>, which is a W3C Verifiable Credential 2.0: the
/// issuing LSP as the issuer's profile (the ledger's <c>did:web</c>, which signs for the LSPs it records), the scheme as
/// the achievement with each SKKNI unit the ledger recorded as an alignment, the certificate number as the subject's
/// licence number, the validity in Asia/Jakarta time, and two <c>BitstringStatusListEntry</c> entries (revocation and
/// suspension) at the certificate's index. The subject carries no NIK, and the holder's name only when asked for.
/// </summary>
public static class AchievementCredential
{
    public const string VcContext = "https://www.w3.org/ns/credentials/v2";
    public const string OpenBadgesContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    /// <summary>Asia/Jakarta is UTC+07:00 all year: certificates' days are its days.</summary>
    public static readonly TimeSpan Jakarta = TimeSpan.FromHours(7);

    public static JsonObject Build(PrintableCertificate certificate, StatusEntry entry, IssuerIdentity issuer, string? holderName)
    {
        var scheme = Uri.EscapeDataString(certificate.Scheme);
        var subject = new JsonObject
        {
            ["type"] = new JsonArray("AchievementSubject"),
            ["licenseNumber"] = certificate.Number,
            ["achievement"] = new JsonObject
            {
                ["id"] = $"{issuer.BaseUrl}/schemes/{scheme}",
                ["type"] = new JsonArray("Achievement"),
                ["achievementType"] = "Certification",
                ["name"] = certificate.Scheme,
                ["description"] = $"Competency certificate in the scheme {certificate.Scheme}, issued by {certificate.IssuingLsp} under BNSP's guidelines (ISO/IEC 17024) against the SKKNI units aligned below.",
                ["criteria"] = new JsonObject
                {
                    ["narrative"] = "Judged competent (K) on each SKKNI unit of the scheme by a licensed assessor, and decided competent by a panel that did not assess the candidate.",
                },
                ["alignment"] = new JsonArray([.. certificate.Units.Select(unit => (JsonNode)new JsonObject
                {
                    ["type"] = new JsonArray("Alignment"),
                    ["targetName"] = unit,
                    ["targetCode"] = unit,
                    ["targetFramework"] = "SKKNI",
                    ["targetUrl"] = $"{issuer.BaseUrl}/schemes/{scheme}/units/{Uri.EscapeDataString(unit)}",
                })]),
            },
        };
        if (holderName is not null)
            subject["identifier"] = new JsonArray(new JsonObject
            {
                ["type"] = "IdentityObject", ["identityType"] = "name", ["hashed"] = false, ["identityHash"] = holderName,
            });

        return new JsonObject
        {
            ["@context"] = new JsonArray(VcContext, OpenBadgesContext),
            ["id"] = $"urn:uuid:{Guid.NewGuid()}",
            ["type"] = new JsonArray("VerifiableCredential", "AchievementCredential"),
            ["name"] = $"Sertifikat Kompetensi {certificate.Scheme} {certificate.Number}",
            ["issuer"] = new JsonObject
            {
                ["id"] = issuer.Did,
                ["type"] = new JsonArray("Profile"),
                ["name"] = certificate.IssuingLsp,
                ["url"] = issuer.BaseUrl,
            },
            ["validFrom"] = StartOf(certificate.ValidFrom),
            ["validUntil"] = EndOf(certificate.ValidUntil),
            ["credentialSubject"] = subject,
            ["credentialStatus"] = new JsonArray([.. StatusLists.Purposes.Select(purpose => (JsonNode)StatusEntryOf(purpose, entry, issuer))]),
        };
    }

    static JsonObject StatusEntryOf(string purpose, StatusEntry entry, IssuerIdentity issuer)
    {
        var list = issuer.StatusListUrl(StatusLists.Name(purpose, entry.List));
        var index = entry.Index.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = $"{list}#{index}",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = purpose,
            ["statusListIndex"] = index,
            ["statusListCredential"] = list,
        };
    }

    /// <summary>The first moment of a day in Asia/Jakarta, as an XML Schema dateTimeStamp.</summary>
    public static string StartOf(DateOnly day) => Stamp(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Jakarta));

    /// <summary>The last second of a day in Asia/Jakarta.</summary>
    public static string EndOf(DateOnly day) => Stamp(new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), Jakarta));

    public static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

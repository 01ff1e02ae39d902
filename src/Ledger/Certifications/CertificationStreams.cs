using Ledger.Domain;

namespace Ledger.Certifications;

/// <summary>
/// The id of an artisan's certification stream in a scheme, derived from both: an artisan has exactly one
/// stream per scheme, which holds the whole life of that certification.
/// </summary>
public static class CertificationStreams
{
    public static Guid IdFor(Guid artisanId, string schemeCode) =>
        DeterministicId.From("certification", $"{artisanId:N}/{schemeCode.Trim().ToUpperInvariant()}");
}

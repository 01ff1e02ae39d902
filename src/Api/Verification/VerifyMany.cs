using Ledger.Api.Hosting;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Api.Registry;
using Ledger.Certifications;
using Ledger.Projections.Verification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Verification;

/// <summary>Up to <see cref="VerifyMany.MaxNumbers"/> certificate numbers to look up at once.</summary>
public sealed record VerifyManyRequest(IReadOnlyList<string?>? Numbers) : ICountsLookups
{
    public static readonly VerifyManyRequest Example = new(["LSPBATIK-2026-000042-X", "LSPBATIK-2026-000043-Y"]);

    public int Lookups => Numbers?.Count ?? 0;

    public FieldErrors Validate() => new FieldErrors()
        .Check("numbers", Numbers is { Count: > 0 }, "Give at least one certificate number.")
        .Check("numbers", Numbers is null || Numbers.Count <= VerifyMany.MaxNumbers,
            $"At most {VerifyMany.MaxNumbers} numbers can be looked up at once; {Numbers?.Count} were given.");
}

/// <summary>
/// One number's answer in a batch: <c>found</c> with the certificate (its status judged today in Asia/Jakarta),
/// <c>unknown</c>, <c>malformed</c> or <c>bad-check-character</c>, each with a sentence saying why.
/// </summary>
public sealed record VerifiedNumber(string? Number, string Outcome, CertificateVerification? Certificate, string? Detail);

/// <summary>The answers, one per number, in the order given.</summary>
public sealed record VerifiedNumbers(IReadOnlyList<VerifiedNumber> Results);

/// <summary>
/// <c>POST /api/verify</c>: an employer's or registry's batch lookup, one answer per number in the order given. Each
/// number costs one lookup of the caller's budget (<see cref="VerificationBudget"/>).
/// </summary>
public sealed class VerifyMany : ILedgerApiModule
{
    public const int MaxNumbers = 100;

    public void Map(LedgerApiGroups groups) =>
        groups.Verification.MapPost("", Verify)
            .WithName("VerifyCertificates")
            .WithRequestExample(VerifyManyRequest.Example)
            .WithSummary("Verify up to 100 certificates at once")
            .WithDescription("One answer per number, in the order given: found (with the certificate as the single lookup answers it), " +
                "unknown, malformed or bad-check-character. Each number counts as one lookup of the caller's budget: 300 a minute per " +
                "address for anonymous callers, 6,000 a minute for a registered verifier's token (role verifier).");

    public static async Task<Results<Ok<VerifiedNumbers>, ValidationProblem>> Verify(VerifyManyRequest? body, VerificationQuery query, CancellationToken ct)
    {
        var errors = body is null ? new FieldErrors().Add("body", "The request body is required.") : body.Validate();
        if (errors.Any) return errors.Problem();

        // Every well-formed number in one round trip; each answer in the order given.
        var parsed = body!.Numbers!.Select(given => (Given: given, Ok: CertificateNumber.TryParse(given, out var number, out var error), Number: number, Error: error)).ToList();
        var found = await query.FindManyAsync(parsed.Where(p => p.Ok).Select(p => p.Number!).ToList(), ct);
        var results = parsed.Select(p => Answer(p.Given, p.Ok, p.Number, p.Error, found)).ToList();
        return TypedResults.Ok(new VerifiedNumbers(results));
    }

    static VerifiedNumber Answer(string? given, bool wellFormed, CertificateNumber? number, CertificateNumberError error,
        IReadOnlyDictionary<string, CertificateVerification> found)
    {
        if (!wellFormed)
            return new VerifiedNumber(given, error == CertificateNumberError.BadCheckCharacter ? "bad-check-character" : "malformed", null,
                CertificateNumber.Refusal(given, error));
        return found.TryGetValue(number!.ToString(), out var certificate)
            ? new VerifiedNumber(given, "found", certificate, null)
            : new VerifiedNumber(given, "unknown", null, $"No certificate numbered {number} has been issued.");
    }
}

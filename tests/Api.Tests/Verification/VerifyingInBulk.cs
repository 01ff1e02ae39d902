using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;
using Ledger.Certifications;
using Ledger.Commands;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Tests.Verification;

/// <summary>
/// <c>POST /api/verify</c>, an employer's or registry's batch lookup, and the lookup budget it draws on: counted in
/// numbers looked up, per address for anonymous callers and the check page together, per token for registered verifiers.
/// </summary>
public sealed class VerifyingInBulk(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    static readonly DateTimeOffset At = DateTimeOffset.UtcNow;

    IMessageBus Commands => new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());

    static object Batch(params string[] numbers) => new { numbers };

    /// <summary>A host over the same schema whose anonymous budget is <paramref name="anonymous"/> and a verifier's <paramref name="verifier"/> lookups per ten minutes.</summary>
    Task<IAlbaHost> LimitedAsync(int anonymous, int verifier) => api.StartHostAsync(
        ("Ledger:RateLimit:Verification:PermitLimit", anonymous.ToString()),
        ("Ledger:RateLimit:Verification:Window", "00:10:00"),
        ("Ledger:RateLimit:Verifier:PermitLimit", verifier.ToString()),
        ("Ledger:RateLimit:Verifier:Window", "00:10:00"));

    [Fact]
    public async Task a_batch_answers_each_number_in_the_order_given_found_unknown_malformed_or_mistyped()
    {
        var (_, valid) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Siti Rahayu", At);
        var (certification, revoked) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Sri Wahyuni", At);
        await Commands.RecordAsync(new RevokeCertificate(certification, "Final conviction for fraud", "registrar:dewi", At));
        var unknown = new CertificateNumber("LSPBATIK", At.Year, 999_999).ToString();
        var mistyped = valid[..^1] + (valid[^1] == 'X' ? 'Y' : 'X');

        var answer = await (await api.Host.Scenario(x =>
        {
            x.Post.Json(Batch(valid, unknown, "not a number", mistyped, revoked)).ToUrl("/api/verify");
            x.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<JsonElement>();

        var results = answer.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("number").GetString()).ShouldBe([valid, unknown, "not a number", mistyped, revoked]);
        results.Select(r => r.GetProperty("outcome").GetString()).ShouldBe(["found", "unknown", "malformed", "bad-check-character", "found"]);
        results[0].GetProperty("certificate").GetProperty("status").GetString().ShouldBe("valid");
        results[0].GetProperty("certificate").GetProperty("holder").GetString().ShouldBe("S***i R***u");
        results[4].GetProperty("certificate").GetProperty("status").GetString().ShouldBe("revoked");
        results[1].GetProperty("detail").GetString().ShouldBe($"No certificate numbered {unknown} has been issued.");
    }

    [Fact]
    public async Task an_empty_batch_or_one_of_more_than_a_hundred_numbers_is_a_400_naming_the_field()
    {
        foreach (var numbers in new[] { Array.Empty<string>(), Enumerable.Range(0, 101).Select(i => $"LSPBATIK-2026-{i:D6}-X").ToArray() })
            await api.Host.Scenario(x =>
            {
                x.Post.Json(Batch(numbers)).ToUrl("/api/verify");
                x.ProblemShouldBe(HttpStatusCode.BadRequest);
                x.ContentShouldContain("\"numbers\"");
            });
        await api.Host.Scenario(x =>
        {
            x.Post.Json(new { }).ToUrl("/api/verify");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });
    }

    [Fact]
    public async Task each_number_of_a_batch_counts_against_the_anonymous_budget_and_a_429_says_when_to_come_back()
    {
        await using var limited = await LimitedAsync(anonymous: 5, verifier: 50);

        await limited.Scenario(x => x.Post.Json(Batch("A", "B", "C", "D")).ToUrl("/api/verify"));
        await limited.Scenario(x =>
        {
            x.Post.Json(Batch("E", "F")).ToUrl("/api/verify");
            x.ProblemShouldBe(HttpStatusCode.TooManyRequests);
            x.Header("Retry-After").ShouldHaveOneNonNullValue();
        });
        // The one lookup left is still there: a refused batch takes nothing.
        await limited.Scenario(x => x.Get.Url("/api/verify/test-echo/BTK-1"));
        await limited.Scenario(x =>
        {
            x.Get.Url("/api/verify/test-echo/BTK-2");
            x.ProblemShouldBe(HttpStatusCode.TooManyRequests);
        });
    }

    [Fact]
    public async Task a_registered_verifier_has_a_budget_of_its_own_larger_than_an_address_and_no_other_right()
    {
        await using var limited = await LimitedAsync(anonymous: 5, verifier: 50);
        var verifier = api.Token(LedgerRoles.Verifier, "PT Batik Ekspor Nusantara");
        var cohort = Enumerable.Range(1, 40).Select(i => $"LSPBATIK-2026-{i:D6}-X").ToArray();

        await limited.Scenario(x =>
        {
            x.Post.Json(Batch(cohort)).ToUrl("/api/verify");
            x.ProblemShouldBe(HttpStatusCode.TooManyRequests);
        });
        var answer = await (await limited.Scenario(x =>
        {
            x.WithBearerToken(verifier);
            x.Post.Json(Batch(cohort)).ToUrl("/api/verify");
            x.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<JsonElement>();
        answer.GetProperty("results").GetArrayLength().ShouldBe(40);
        // The anonymous budget of the same address is untouched by the verifier's lookups.
        await limited.Scenario(x => x.Post.Json(Batch("A", "B", "C", "D", "E")).ToUrl("/api/verify"));

        await limited.Scenario(x =>
        {
            x.WithBearerToken(verifier);
            x.Get.Url("/api/audit/events");
            x.ProblemShouldBe(HttpStatusCode.Forbidden);
        });
    }

    [Fact]
    public async Task the_check_page_and_the_api_draw_on_one_budget_per_address()
    {
        await using var limited = await LimitedAsync(anonymous: 3, verifier: 50);

        await limited.Scenario(x => x.Get.Url("/check"));
        await limited.Scenario(x => x.Post.Json(Batch("A", "B")).ToUrl("/api/verify"));

        await limited.Scenario(x =>
        {
            x.Get.Url("/check/LSPBATIK-2026-000001-X");
            x.StatusCodeShouldBe(HttpStatusCode.TooManyRequests);
        });
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Api.Auth;
using Ledger.Testing;

namespace Ledger.Api.Tests.Auth;

public sealed class RefusingBadTokens(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    static string Jwt(JsonObject header, JsonObject payload, byte[]? key)
    {
        var input = $"{B64(header.ToJsonString())}.{B64(payload.ToJsonString())}";
        return key is null ? input + "." : $"{input}.{B64(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)))}";
    }

    static JsonObject Claims(string role = LedgerRoles.Auditor, long? exp = null) => new()
    {
        ["iss"] = "batik-ledger", ["aud"] = "batik-ledger-api", ["sub"] = "someone", ["name"] = "someone", ["role"] = role,
        ["exp"] = exp ?? DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
    };

    static readonly JsonObject Hs256 = new() { ["alg"] = "HS256", ["typ"] = "JWT" };
    static byte[] Key => Convert.FromBase64String(LedgerApiFactory.SigningKey);

    public static TheoryData<string> BadTokens() =>
    [
        "expired",
        "unsigned",
        "other-key",
        "tampered",
        "garbage",
        "unknown-role",
        "other-audience",
        "not-yet-valid",
    ];

    static string Make(string kind) => kind switch
    {
        "expired" => Jwt(Hs256, Claims(exp: DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()), Key),
        "unsigned" => Jwt(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }, Claims(), null),
        "other-key" => Jwt(Hs256, Claims(), RandomNumberGenerator.GetBytes(32)),
        "tampered" => Tamper(Jwt(Hs256, Claims(LedgerRoles.Analyst), Key)),
        "garbage" => "not.a.token",
        "unknown-role" => Jwt(Hs256, Claims("admin"), Key),
        "other-audience" => Jwt(Hs256, new JsonObject { ["iss"] = "batik-ledger", ["aud"] = "elsewhere", ["name"] = "x", ["role"] = "auditor", ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() }, Key),
        "not-yet-valid" => Jwt(Hs256, new JsonObject { ["iss"] = "batik-ledger", ["aud"] = "batik-ledger-api", ["name"] = "x", ["role"] = "auditor", ["nbf"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(), ["exp"] = DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds() }, Key),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // The analyst's signed payload, with the role swapped for auditor and the signature kept.
    static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = B64(Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/').PadRight((parts[1].Length + 3) / 4 * 4, '='))).Replace("\"analyst\"", "\"auditor\""));
        return $"{parts[0]}.{payload}.{parts[2]}";
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task a_bad_token_is_refused_with_401(string kind)
    {
        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(Make(kind));
            x.Get.Url("/api/audit/events");
            x.ProblemShouldBe(HttpStatusCode.Unauthorized);
        });
    }

    [Fact]
    public async Task a_well_signed_token_for_the_role_is_accepted()
    {
        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(Jwt(Hs256, Claims(), Key));
            x.Get.Url("/api/audit/events");
            x.StatusCodeShouldBeOk();
        });
    }

    [Fact]
    public void tokens_minted_by_the_host_expire_and_carry_the_name_and_role()
    {
        var clock = new ManualTimeProvider();
        var tokens = new LedgerTokens(new LedgerAuthOptions { SigningKey = LedgerApiFactory.SigningKey }, clock);
        var token = tokens.Mint("Siti Rahayu", LedgerRoles.Registrar, TimeSpan.FromHours(1));

        var (principal, _) = tokens.Validate(token, "Bearer");
        principal!.Identity!.Name.ShouldBe("Siti Rahayu");
        principal.IsInRole(LedgerRoles.Registrar).ShouldBeTrue();

        clock.Advance(TimeSpan.FromHours(2));
        tokens.Validate(token, "Bearer").Failure.ShouldBe("The token has expired.");
    }

    [Fact]
    public void a_missing_or_short_signing_key_is_refused_with_a_clear_message()
    {
        new LedgerAuthOptions().DecodeKey().Problem!.ShouldContain("Ledger:Auth:SigningKey");
        new LedgerAuthOptions { SigningKey = Convert.ToBase64String(new byte[16]) }.DecodeKey().Problem!.ShouldContain("at least 256");
    }
}

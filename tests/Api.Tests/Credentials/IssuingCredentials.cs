using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Api.Credentials;
using Ledger.Api.Tests.Verification;
using Ledger.Commands;
using Ledger.Certifications;
using Ledger.Projections.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Tests.Credentials;

/// <summary>
/// Certificates as signed credentials through the real host: issued to a registrar, checked by anyone, their status
/// bits flipped in the same transaction as the revocation, freeze or reinstatement.
/// </summary>
public sealed class IssuingCredentials(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    const string Registrar = "registrar:dewi";
    static readonly DateTimeOffset At = DateTimeOffset.UtcNow;

    IAlbaHost Host => api.Host;

    IMessageBus Commands => new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());

    async Task<string> CredentialAsync(string number, string query = "", IAlbaHost? host = null)
    {
        var result = await (host ?? Host).Scenario(x =>
        {
            x.WithBearerToken(api.Token("registrar"));
            x.Get.Url($"/api/credentials/{number}{query}");
            x.ContentTypeShouldBe(CompactJws.MediaType);
        });
        return await result.ReadAsTextAsync();
    }

    async Task<CredentialCheck> VerifyAsync(string credential, IAlbaHost? host = null)
    {
        var result = await (host ?? Host).Scenario(x => x.Post.Json(new VerifyCredentialRequest(credential)).ToUrl("/api/credentials/verify"));
        return result.ReadAsJson<CredentialCheck>()!;
    }

    static JsonObject Part(string jws, int index) => JsonNode.Parse(Base64Url.DecodeFromChars(jws.Split('.')[index]))!.AsObject();

    static string Resign(JsonObject payload, string jws, IssuerKey key)
    {
        var kid = Part(jws, 0)["kid"]!.GetValue<string>();
        return CompactJws.Sign(payload, key, kid);
    }

    async Task<(string Jwt, byte[] Bits, string? ETag)> StatusListAsync(string url)
    {
        var result = await Host.Scenario(x => x.Get.Url(new Uri(url).PathAndQuery));
        var jwt = await result.ReadAsTextAsync();
        var encoded = Part(jwt, 1)["credentialSubject"]!["encodedList"]!.GetValue<string>();
        return (jwt, StatusLists.Decode(encoded), result.Context.Response.Headers.ETag.ToString());
    }

    static (string Url, int Index) Entry(string credential, string purpose)
    {
        var entry = Part(credential, 1)["credentialStatus"]!.AsArray().Single(e => e!["statusPurpose"]!.GetValue<string>() == purpose)!;
        return (entry["statusListCredential"]!.GetValue<string>(), int.Parse(entry["statusListIndex"]!.GetValue<string>()));
    }

    [Fact]
    public async Task a_fresh_credential_is_an_open_badge_signed_with_es256_that_verifies_as_valid()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Siti Rahayu", At);

        var credential = await CredentialAsync(number);

        var header = Part(credential, 0);
        header["alg"]!.GetValue<string>().ShouldBe("ES256");
        header["typ"]!.GetValue<string>().ShouldBe("vc+jwt");
        header["kid"]!.GetValue<string>().ShouldBe($"did:web:localhost#{api.IssuerKey.Thumbprint}");
        var payload = Part(credential, 1);
        payload["@context"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe([AchievementCredential.VcContext, AchievementCredential.OpenBadgesContext]);
        payload["type"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["VerifiableCredential", "AchievementCredential"]);
        payload["issuer"]!["id"]!.GetValue<string>().ShouldBe("did:web:localhost");
        payload["issuer"]!["name"]!.GetValue<string>().ShouldBe("LSPBATIK");
        var subject = payload["credentialSubject"]!;
        subject["licenseNumber"]!.GetValue<string>().ShouldBe(number);
        subject["achievement"]!["name"]!.GetValue<string>().ShouldBe("PEMBATIK-TULIS");
        subject["achievement"]!["alignment"]!.AsArray().Single()!["targetCode"]!.GetValue<string>().ShouldBe("C.13BTK01.001.2");
        var day = Ledger.Domain.Days.InJakarta(At);
        payload["validFrom"]!.GetValue<string>().ShouldBe($"{day:yyyy-MM-dd}T00:00:00+07:00");
        payload["validUntil"]!.GetValue<string>().ShouldBe($"{day.AddYears(3).AddDays(-1):yyyy-MM-dd}T23:59:59+07:00");
        var statuses = payload["credentialStatus"]!.AsArray();
        statuses.Select(s => s!["statusPurpose"]!.GetValue<string>()).ShouldBe(["revocation", "suspension"]);
        statuses.Select(s => s!["type"]!.GetValue<string>()).ShouldAllBe(t => t == "BitstringStatusListEntry");
        Entry(credential, "revocation").Index.ShouldBe(Entry(credential, "suspension").Index);
        subject.AsObject().ContainsKey("identifier").ShouldBeFalse();
        payload.ToJsonString().ShouldNotContain("Siti");
        payload.ToJsonString().ShouldNotContain("Rahayu");

        var check = await VerifyAsync(credential);

        check.Status.ShouldBe("valid", check.Reason);
        check.CertificateNumber.ShouldBe(number);
    }

    [Fact]
    public async Task validity_is_judged_by_the_certificate_and_a_named_credential_carries_the_full_name_only_when_asked()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Sri Wahyuni", At);

        var named = Part(await CredentialAsync(number, "?named=true"), 1);

        var identifier = named["credentialSubject"]!["identifier"]!.AsArray().Single()!;
        identifier["identityType"]!.GetValue<string>().ShouldBe("name");
        identifier["identityHash"]!.GetValue<string>().ShouldBe("Sri Wahyuni");
        named.ToJsonString().ShouldNotContain("3523");
    }

    [Fact]
    public async Task only_a_registrar_downloads_a_credential()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Ani Lestari", At);

        await Host.Scenario(x =>
        {
            x.Get.Url($"/api/credentials/{number}");
            x.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        await Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token("analyst"));
            x.Get.Url($"/api/credentials/{number}");
            x.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
    }

    [Fact]
    public async Task revocation_flips_the_revocation_bit_in_the_same_transaction_and_the_credential_verifies_as_revoked()
    {
        var (certification, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Dewi Sartika", At);
        var credential = await CredentialAsync(number);
        var (url, index) = Entry(credential, "revocation");
        var before = await StatusListAsync(url);
        StatusLists.IsSet(before.Bits, index).ShouldBeFalse();

        await Commands.RecordAsync(new RevokeCertificate(certification, "Final conviction for fraud", Registrar, At));

        var after = await StatusListAsync(url);
        StatusLists.IsSet(after.Bits, index).ShouldBeTrue();
        after.ETag.ShouldNotBe(before.ETag);
        var check = await VerifyAsync(credential);
        check.Status.ShouldBe("revoked", check.Reason);
        await Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token("registrar"));
            x.Get.Url($"/api/credentials/{number}");
            x.StatusCodeShouldBe(HttpStatusCode.UnprocessableEntity);
        });
    }

    [Fact]
    public async Task a_freeze_makes_the_credential_frozen_and_reinstatement_makes_it_valid_again()
    {
        var (certification, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Rina Wati", At);
        var credential = await CredentialAsync(number);
        var (url, index) = Entry(credential, "suspension");

        await Commands.RecordAsync(new FreezeCertificate(certification, "Misuse under investigation", Registrar, At));

        StatusLists.IsSet((await StatusListAsync(url)).Bits, index).ShouldBeTrue();
        (await VerifyAsync(credential)).Status.ShouldBe("frozen");

        await Commands.RecordAsync(new ReinstateCertificate(certification, "Investigation closed", Registrar, At));

        StatusLists.IsSet((await StatusListAsync(url)).Bits, index).ShouldBeFalse();
        var check = await VerifyAsync(credential);
        check.Status.ShouldBe("valid", check.Reason);
    }

    [Fact]
    public async Task a_tampered_credential_is_invalid_and_says_why()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Tari Utami", At);
        var credential = await CredentialAsync(number);
        var parts = credential.Split('.');
        var payload = Part(credential, 1);
        payload["validUntil"] = "2099-12-31T23:59:59+07:00";
        var altered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        var check = await VerifyAsync(altered);

        check.Status.ShouldBe("invalid");
        check.Reason.ShouldContain("signature does not match");
        (await VerifyAsync("not.a-credential")).Status.ShouldBe("invalid");
        (await VerifyAsync(Resign(payload, credential, IssuerKey.Generate()))).Status.ShouldBe("invalid");
    }

    [Fact]
    public async Task a_credential_past_its_validity_is_expired()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Lestari Ayu", At);
        var credential = await CredentialAsync(number);
        var payload = Part(credential, 1);
        payload["validFrom"] = "2020-01-01T00:00:00+07:00";
        payload["validUntil"] = "2022-12-31T23:59:59+07:00";

        var check = await VerifyAsync(Resign(payload, credential, api.IssuerKey));

        check.Status.ShouldBe("expired", check.Reason);
    }

    [Fact]
    public async Task the_status_list_is_a_signed_gzip_multibase_bitstring_of_131072_entries_and_cacheable()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Wulan Sari", At);
        var (url, _) = Entry(await CredentialAsync(number), "revocation");

        var result = await Host.Scenario(x => x.Get.Url(new Uri(url).PathAndQuery));

        result.Context.Response.ContentType.ShouldBe(CompactJws.MediaType);
        result.Context.Response.Headers.CacheControl.ToString().ShouldBe("public, max-age=300");
        var etag = result.Context.Response.Headers.ETag.ToString();
        etag.ShouldStartWith("W/\"revocation-");
        var jwt = await result.ReadAsTextAsync();
        Part(jwt, 0)["typ"]!.GetValue<string>().ShouldBe("vc+jwt");
        var list = Part(jwt, 1);
        list["id"]!.GetValue<string>().ShouldBe(url);
        list["type"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["VerifiableCredential", "BitstringStatusListCredential"]);
        var subject = list["credentialSubject"]!;
        subject["type"]!.GetValue<string>().ShouldBe("BitstringStatusList");
        subject["statusPurpose"]!.GetValue<string>().ShouldBe("revocation");
        var encoded = subject["encodedList"]!.GetValue<string>();
        encoded[0].ShouldBe('u');
        encoded.ShouldNotContain("=");
        var gzip = Base64Url.DecodeFromChars(encoded.AsSpan(1));
        gzip[..2].ShouldBe(new byte[] { 0x1f, 0x8b });
        StatusLists.Decode(encoded).Length.ShouldBe(131_072 / 8);

        await Host.Scenario(x =>
        {
            x.Get.Url(new Uri(url).PathAndQuery);
            x.WithRequestHeader("If-None-Match", etag);
            x.StatusCodeShouldBe(HttpStatusCode.NotModified);
        });
        await Host.Scenario(x =>
        {
            x.Get.Url("/api/credentials/status/revocation-999");
            x.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task the_signatures_check_out_with_an_independent_jose_library_and_the_published_jwk_set()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Nur Aini", At);
        var credential = await CredentialAsync(number);
        var (statusList, _, _) = await StatusListAsync(Entry(credential, "suspension").Url);
        var jwks = new JsonWebKeySet(await Host.GetAsText("/.well-known/jwks.json"));
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["vc+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        var handler = new JsonWebTokenHandler();

        foreach (var jwt in new[] { credential, statusList })
        {
            var result = await handler.ValidateTokenAsync(jwt, parameters);
            result.IsValid.ShouldBeTrue(result.Exception?.Message);
        }
        var tampered = credential[..^4] + (credential[^4] == 'A' ? "B" : "A") + credential[^3..];
        (await handler.ValidateTokenAsync(tampered, parameters)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task after_a_key_rotation_credentials_signed_under_the_old_key_still_verify_and_both_keys_are_published()
    {
        var (_, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Ratna Dewi", At);
        var old = await CredentialAsync(number);
        using var next = IssuerKey.Generate();
        await using var rotated = await api.StartHostAsync(
            (IssuerKeys.Key, next.PrivateKeyPem()), ($"{IssuerKeys.RetiredKeys}:0", api.IssuerKey.PublicKeyPem()));

        var check = await VerifyAsync(old, rotated);
        var fresh = await CredentialAsync(number, host: rotated);

        check.Status.ShouldBe("valid", check.Reason);
        Part(fresh, 0)["kid"]!.GetValue<string>().ShouldBe($"did:web:localhost#{next.Thumbprint}");
        (await VerifyAsync(fresh, rotated)).Status.ShouldBe("valid");
        var jwks = JsonNode.Parse(await rotated.GetAsText("/.well-known/jwks.json"))!["keys"]!.AsArray();
        jwks.Select(k => k!["kid"]!.GetValue<string>()).ShouldBe([$"did:web:localhost#{next.Thumbprint}", $"did:web:localhost#{api.IssuerKey.Thumbprint}"]);
        var did = JsonNode.Parse(await rotated.GetAsText("/.well-known/did.json"))!;
        did["id"]!.GetValue<string>().ShouldBe("did:web:localhost");
        did["assertionMethod"]!.AsArray().Count.ShouldBe(2);
        did["verificationMethod"]!.AsArray().Select(m => m!["publicKeyJwk"]!["crv"]!.GetValue<string>()).ShouldAllBe(c => c == "P-256");
        // The host that no longer knows of the new key refuses what it signed.
        (await VerifyAsync(fresh)).Status.ShouldBe("invalid");
    }

    [Fact]
    public async Task a_certificate_frozen_before_status_lists_were_kept_gets_its_entry_with_its_bit_set_on_its_first_credential()
    {
        var (certification, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Kartini Putri", At);
        await Commands.RecordAsync(new FreezeCertificate(certification, "Misuse under investigation", Registrar, At));
        var database = api.Services.GetRequiredService<Ledger.Marten.LedgerDatabase>();
        await using (var forget = database.DataSource.CreateCommand(
            $"delete from {database.Quoted}.{CredentialStatusTables.Entries} where certificate_number = $1"))
        {
            forget.Parameters.AddWithValue(number);
            (await forget.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var credential = await CredentialAsync(number);

        var check = await VerifyAsync(credential);
        check.Status.ShouldBe("frozen", check.Reason);
        (await CredentialAsync(number)).ShouldNotBe(credential);
        Entry(await CredentialAsync(number), "suspension").ShouldBe(Entry(credential, "suspension"));
    }

    [Fact]
    public async Task the_check_page_takes_a_pasted_credential_and_shows_its_verdict()
    {
        var (certification, number) = await CertifiedThroughTheDomain.CertifyAsync(Commands, "Sekar Arum", At);
        var credential = await CredentialAsync(number);
        await Commands.RecordAsync(new FreezeCertificate(certification, "Misuse under investigation", Registrar, At));

        var page = await Host.Scenario(x =>
        {
            x.Post.FormData(new Dictionary<string, string> { ["credential"] = credential }).ToUrl("/check/credential");
            x.StatusCodeShouldBeOk();
        });

        var html = await page.ReadAsTextAsync();
        html.ShouldContain("data-status=\"frozen\"");
        html.ShouldContain($"href=\"/check/{number}\"");
        (await Host.GetAsText("/check")).ShouldContain("href=\"/check/credential\"");
    }
}

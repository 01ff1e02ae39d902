using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Certifications;

namespace Ledger.Api.Tests.Registry;

public sealed class LivingThroughACertificate(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    IAlbaHost Host => api.Host;

    Task<IScenarioResult> Registrar(Action<Scenario> scenario) => Host.Scenario(x =>
    {
        x.WithBearerToken(given.Registrar);
        scenario(x);
    });

    [Fact]
    public async Task a_certificate_is_enrolled_assessed_decided_issued_frozen_reinstated_and_revoked_over_http()
    {
        var pks = await given.SignAgreementsAsync();
        var artisan = await given.RegisterArtisanAsync();
        var certification = CertificationStreams.IdFor(artisan, RegistryScenario.Scheme);
        var path = $"/api/registry/certifications/{certification}";

        var enrolled = await Registrar(x =>
        {
            x.Post.Json(RegistryScenario.Enrollment(artisan, pks)).ToUrl("/api/registry/certifications");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
            x.Header("Location").SingleValueShouldEqual(path);
            x.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
        (await enrolled.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe(certification);

        await Registrar(x => x.Post.Url($"{path}/application/acceptance"));
        await Registrar(x => x.Post.Json(RegistryScenario.Assessment(recommendation: "NotYetCompetent")).ToUrl($"{path}/assessments"));
        await Registrar(x => x.Post.Json(new { decision = "NotYetCompetent", panel = new[] { "Endang Lestari" } }).ToUrl($"{path}/decision"));
        await Registrar(x => x.Post.Json(RegistryScenario.Assessment()).ToUrl($"{path}/assessments"));
        await Registrar(x => x.Post.Json(new { grounds = "The observation was cut short." }).ToUrl($"{path}/appeals"));
        await Registrar(x => x.Post.Json(new { outcome = "Dismissed", reason = "The record is complete." }).ToUrl($"{path}/appeal-decision"));
        await Registrar(x => x.Post.Json(new { decision = "Competent", panel = new[] { "Endang Lestari", "Retno Wulan" } }).ToUrl($"{path}/decision"));
        var issued = await Registrar(x => x.Post.Json(new { blankoNumber = "BNSP-B 0012345", issuingLsp = "lspbatik" }).ToUrl($"{path}/certificate"));
        var number = (await issued.ReadAsJsonAsync<JsonElement>()).GetProperty("certificateNumber").GetString()!;
        CertificateNumber.TryParse(number, out var parsed, out _).ShouldBeTrue();
        parsed!.LspCode.ShouldBe("LSPBATIK");

        (await StateAsync(path)).GetProperty("statusToday").GetString().ShouldBe("valid");

        await Registrar(x => x.Post.Json(new { reason = "Misuse reported." }).ToUrl($"{path}/freeze"));
        (await StateAsync(path)).GetProperty("statusToday").GetString().ShouldBe("frozen");
        await Registrar(x => x.Post.Json(new { reason = "No misuse found." }).ToUrl($"{path}/reinstatement"));
        var revoked = await Registrar(x => x.Post.Json(new { reason = "Ethics breach." }).ToUrl($"{path}/revocation"));
        var recorded = await revoked.ReadAsJsonAsync<JsonElement>();
        recorded.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["certificate_revoked"]);
        revoked.Header("ETag").ShouldBe($"\"{recorded.GetProperty("version").GetInt64()}\"");

        var final = await StateAsync(path);
        final.GetProperty("statusToday").GetString().ShouldBe("revoked");
        final.GetProperty("state").GetProperty("certificate").GetProperty("number").GetString().ShouldBe(number);

        await Registrar(x =>
        {
            x.Post.Json(new { reason = "Again." }).ToUrl($"{path}/freeze");
            x.ProblemShouldBe(HttpStatusCode.UnprocessableEntity);
        });
    }

    [Fact]
    public async Task agreements_batches_and_artisans_read_back_as_they_stand_with_their_version_as_etag()
    {
        var pks = await given.SignAgreementsAsync(quota: 7);
        var batch = await Registrar(x =>
        {
            x.Post.Json(new
            {
                pksId = pks, centreName = "BBSPJIKB", venue = "BLK Serang", schemeCode = "pembatik-tulis",
                startsOn = RegistryScenario.Today(3), endsOn = RegistryScenario.Today(7), capacity = 20,
            }).ToUrl("/api/registry/batches");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        var batchId = (await batch.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var artisan = await given.RegisterArtisanAsync("Endang Susanti");
        await Registrar(x =>
        {
            x.Post.Json(new { artisanId = artisan, schemeCode = "PEMBATIK-TULIS", pksId = pks, batchId }).ToUrl("/api/registry/certifications");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        await Agency(x => x.Post.Json(new { item = "Kompor listrik", quantity = 1 }).ToUrl($"/api/registry/artisans/{artisan}/equipment-aid"));
        await Agency(x => x.Post.Json(new { visitedOn = RegistryScenario.Today(), officer = "Dwi", findings = "Producing weekly." })
            .ToUrl($"/api/registry/artisans/{artisan}/monev-visits"));

        var pksRead = await Agency(x =>
        {
            x.Get.Url($"/api/registry/pks/{pks}");
            x.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
        var pksState = await pksRead.ReadAsJsonAsync<JsonElement>();
        pksState.GetProperty("yearlyQuota").GetInt32().ShouldBe(7);
        pksState.GetProperty("seatsTaken").GetProperty(DateTime.UtcNow.Year.ToString()).GetInt32().ShouldBe(1);
        (await StateAsync($"/api/registry/batches/{batchId}")).GetProperty("participants").GetArrayLength().ShouldBe(1);
        var artisanState = await StateAsync($"/api/registry/artisans/{artisan}");
        artisanState.GetProperty("name").GetString().ShouldBe("Endang Susanti");
        artisanState.GetProperty("nikLastDigits").GetString()!.Length.ShouldBe(4);
        artisanState.GetProperty("aid").GetArrayLength().ShouldBe(1);
        artisanState.GetProperty("visits").GetArrayLength().ShouldBe(1);
        await Registrar(x =>
        {
            x.Get.Url($"/api/registry/artisans/{Guid.NewGuid()}");
            x.ProblemShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task a_stale_if_match_is_refused_with_412_and_the_current_version_writes()
    {
        var certification = await given.DecidedCompetentAsync();
        var path = $"/api/registry/certifications/{certification}/certificate";
        var body = new { blankoNumber = "BNSP-B 0077777", issuingLsp = "LSPBATIK" };

        await Registrar(x =>
        {
            x.Post.Json(body).ToUrl(path);
            x.WithRequestHeader("If-Match", "\"2\"");
            x.ProblemShouldBe(HttpStatusCode.PreconditionFailed);
            x.Header("ETag").SingleValueShouldEqual("\"4\"");
        });

        await Registrar(x =>
        {
            x.Post.Json(body).ToUrl(path);
            x.WithRequestHeader("If-Match", "\"4\"");
            x.StatusCodeShouldBeOk();
            x.Header("ETag").SingleValueShouldEqual("\"5\"");
        });
    }

    [Fact]
    public async Task a_retried_request_with_the_same_idempotency_key_gets_the_first_answer_and_records_nothing_twice()
    {
        var pks = await given.SignAgreementsAsync();
        var artisan = await given.RegisterArtisanAsync();
        void Enroll(Scenario x)
        {
            x.Post.Json(RegistryScenario.Enrollment(artisan, pks)).ToUrl("/api/registry/certifications");
            x.WithRequestHeader("Idempotency-Key", $"enroll-{artisan}");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        }

        var first = await Registrar(Enroll);
        var again = await Registrar(x =>
        {
            Enroll(x);
            x.Header("Location").SingleValueShouldEqual(first.Header("Location"));
            x.Header("Idempotent-Replayed").ShouldHaveValues();
        });

        (await again.ReadAsTextAsync()).ShouldBe(await first.ReadAsTextAsync());
        var pksState = await Agency(x => x.Get.Url($"/api/registry/pks/{pks}"));
        (await pksState.ReadAsJsonAsync<JsonElement>()).GetProperty("seatsTaken").GetProperty(DateTime.UtcNow.Year.ToString()).GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task actor_and_correlation_id_come_from_the_token_and_the_request_never_from_the_body()
    {
        var registered = await Registrar(x =>
        {
            x.Post.Json(new
            {
                name = "Sri Wulandari", nik = RegistryScenario.RandomNik(), gender = "Female", birthYear = 1990, regencyCode = "35.23",
                businessName = "Batik Gedog", actor = "someone-else", at = "2001-01-01T00:00:00Z",
            }).ToUrl("/api/registry/artisans");
            x.WithRequestHeader("X-Correlation-Id", "corr-artisan-1");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        var id = (await registered.ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var history = await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Auditor);
            x.Get.Url($"/api/audit/streams/{id}");
        });
        var metadata = (await history.ReadAsJsonAsync<JsonElement>()).GetProperty("events")[0].GetProperty("metadata");
        metadata.GetProperty("actor").GetString().ShouldBe("Rina Marlina");
        metadata.GetProperty("correlationId").GetString().ShouldBe("corr-artisan-1");
    }

    Task<IScenarioResult> Agency(Action<Scenario> scenario) => Host.Scenario(x =>
    {
        x.WithBearerToken(given.Agency);
        scenario(x);
    });

    async Task<JsonElement> StateAsync(string path) => await (await Registrar(x => x.Get.Url(path))).ReadAsJsonAsync<JsonElement>();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Certifications;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Registry;

public sealed class LivingThroughACertificate(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    [Fact]
    public async Task a_certificate_is_enrolled_assessed_decided_issued_frozen_reinstated_and_revoked_over_http()
    {
        var pks = await given.SignAgreementsAsync();
        var artisan = await given.RegisterArtisanAsync();

        var enrolled = await given.EnrollAsync(artisan, pks);
        var certification = CertificationStreams.IdFor(artisan, RegistryScenario.Scheme);
        enrolled.Headers.Location!.ToString().ShouldBe($"/api/registry/certifications/{certification}");
        enrolled.Headers.ETag!.Tag.ShouldBe("\"1\"");
        (await RegistryScenario.Created(enrolled)).GetProperty("id").GetGuid().ShouldBe(certification);

        var r = given.Registrar;
        var path = $"/api/registry/certifications/{certification}";
        await RegistryScenario.Ok(await r.PostAsync($"{path}/application/acceptance", null));
        await RegistryScenario.Ok(await r.PostAsync($"{path}/assessments", RegistryScenario.Assessment(recommendation: "NotYetCompetent")));
        await RegistryScenario.Ok(await r.PostAsync($"{path}/decision", Json("""{"decision": "NotYetCompetent", "panel": ["Endang Lestari"]}""")));
        await RegistryScenario.Ok(await r.PostAsync($"{path}/assessments", RegistryScenario.Assessment()));
        await RegistryScenario.Ok(await r.PostAsync($"{path}/appeals", Json("""{"grounds": "The observation was cut short."}""")));
        await RegistryScenario.Ok(await r.PostAsync($"{path}/appeal-decision", Json("""{"outcome": "Dismissed", "reason": "The record is complete."}""")));
        await RegistryScenario.Ok(await r.PostAsync($"{path}/decision", Json("""{"decision": "Competent", "panel": ["Endang Lestari", "Retno Wulan"]}""")));
        var issued = await RegistryScenario.Ok(await r.PostAsync($"{path}/certificate", Json("""{"blankoNumber": "BNSP-B 0012345", "issuingLsp": "lspbatik"}""")));
        var number = issued.GetProperty("certificateNumber").GetString()!;
        CertificateNumber.TryParse(number, out var parsed, out _).ShouldBeTrue();
        parsed!.LspCode.ShouldBe("LSPBATIK");

        var state = await RegistryScenario.Ok(await r.GetAsync(path));
        state.GetProperty("statusToday").GetString().ShouldBe("Valid");

        await RegistryScenario.Ok(await r.PostAsync($"{path}/freeze", Json("""{"reason": "Misuse reported."}""")));
        (await RegistryScenario.Ok(await r.GetAsync(path))).GetProperty("statusToday").GetString().ShouldBe("Frozen");
        await RegistryScenario.Ok(await r.PostAsync($"{path}/reinstatement", Json("""{"reason": "No misuse found."}""")));
        var revoked = await r.PostAsync($"{path}/revocation", Json("""{"reason": "Ethics breach."}"""));
        var recorded = await RegistryScenario.Ok(revoked);
        recorded.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["certificate_revoked"]);
        revoked.Headers.ETag!.Tag.ShouldBe($"\"{recorded.GetProperty("version").GetInt64()}\"");

        var final = await RegistryScenario.Ok(await r.GetAsync(path));
        final.GetProperty("statusToday").GetString().ShouldBe("Revoked");
        final.GetProperty("state").GetProperty("certificate").GetProperty("number").GetString().ShouldBe(number);

        var after = await r.PostAsync($"{path}/freeze", Json("""{"reason": "Again."}"""));
        await after.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task agreements_batches_and_artisans_read_back_as_they_stand_with_their_version_as_etag()
    {
        var pks = await given.SignAgreementsAsync(quota: 7);
        var batch = await RegistryScenario.Created(await given.Registrar.PostAsync("/api/registry/batches", Json($$"""
            {"pksId": "{{pks}}", "centreName": "BBSPJIKB", "venue": "BLK Serang", "schemeCode": "pembatik-tulis",
             "startsOn": "{{RegistryScenario.Today(3)}}", "endsOn": "{{RegistryScenario.Today(7)}}", "capacity": 20}
            """)));
        var batchId = batch.GetProperty("id").GetGuid();
        var artisan = await given.RegisterArtisanAsync("Endang Susanti");
        await RegistryScenario.Created(await given.Registrar.PostAsync("/api/registry/certifications",
            Json($$"""{"artisanId": "{{artisan}}", "schemeCode": "PEMBATIK-TULIS", "pksId": "{{pks}}", "batchId": "{{batchId}}"}""")));
        await RegistryScenario.Ok(await given.Agency.PostAsync($"/api/registry/artisans/{artisan}/equipment-aid", Json("""{"item": "Kompor listrik", "quantity": 1}""")));
        await RegistryScenario.Ok(await given.Agency.PostAsync($"/api/registry/artisans/{artisan}/monev-visits",
            Json($$"""{"visitedOn": "{{RegistryScenario.Today()}}", "officer": "Dwi", "findings": "Producing weekly."}""")));

        var pksRead = await given.Agency.GetAsync($"/api/registry/pks/{pks}");
        var pksState = await RegistryScenario.Ok(pksRead);
        pksState.GetProperty("yearlyQuota").GetInt32().ShouldBe(7);
        pksState.GetProperty("seatsTaken").GetProperty(DateTime.UtcNow.Year.ToString()).GetInt32().ShouldBe(1);
        pksRead.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await RegistryScenario.Ok(await given.Registrar.GetAsync($"/api/registry/batches/{batchId}"))).GetProperty("participants").GetArrayLength().ShouldBe(1);
        var artisanState = await RegistryScenario.Ok(await given.Registrar.GetAsync($"/api/registry/artisans/{artisan}"));
        artisanState.GetProperty("name").GetString().ShouldBe("Endang Susanti");
        artisanState.GetProperty("nikLastDigits").GetString()!.Length.ShouldBe(4);
        artisanState.GetProperty("aid").GetArrayLength().ShouldBe(1);
        artisanState.GetProperty("visits").GetArrayLength().ShouldBe(1);
        await (await given.Registrar.GetAsync($"/api/registry/artisans/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_stale_if_match_is_refused_with_412_and_the_current_version_writes()
    {
        var certification = await given.DecidedCompetentAsync();
        var path = $"/api/registry/certifications/{certification}/certificate";
        var body = """{"blankoNumber": "BNSP-B 0077777", "issuingLsp": "LSPBATIK"}""";

        var stale = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var refused = await given.Registrar.SendAsync(stale);
        await refused.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        refused.Headers.ETag!.Tag.ShouldBe("\"4\"");

        var current = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        current.Headers.TryAddWithoutValidation("If-Match", "\"4\"");
        var written = await given.Registrar.SendAsync(current);
        await RegistryScenario.Ok(written);
        written.Headers.ETag!.Tag.ShouldBe("\"5\"");
    }

    [Fact]
    public async Task a_retried_request_with_the_same_idempotency_key_gets_the_first_answer_and_records_nothing_twice()
    {
        var pks = await given.SignAgreementsAsync();
        var artisan = await given.RegisterArtisanAsync();
        HttpRequestMessage Enroll()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/certifications")
            {
                Content = Json($$"""{"artisanId": "{{artisan}}", "schemeCode": "PEMBATIK-TULIS", "pksId": "{{pks}}"}"""),
            };
            request.Headers.Add("Idempotency-Key", $"enroll-{artisan}");
            return request;
        }

        var first = await given.Registrar.SendAsync(Enroll());
        var again = await given.Registrar.SendAsync(Enroll());

        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        again.Headers.Location.ShouldBe(first.Headers.Location);
        again.Headers.Contains("Idempotent-Replayed").ShouldBeTrue();
        var pksState = await RegistryScenario.Ok(await given.Agency.GetAsync($"/api/registry/pks/{pks}"));
        pksState.GetProperty("seatsTaken").GetProperty(DateTime.UtcNow.Year.ToString()).GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task actor_and_correlation_id_come_from_the_token_and_the_request_never_from_the_body()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/artisans")
        {
            Content = Json($$"""
                {"name": "Sri Wulandari", "nik": "{{RegistryScenario.RandomNik()}}", "gender": "Female", "birthYear": 1990, "regencyCode": "35.23",
                 "businessName": "Batik Gedog", "actor": "someone-else", "at": "2001-01-01T00:00:00Z"}
                """),
        };
        request.Headers.Add("X-Correlation-Id", "corr-artisan-1");
        var id = (await RegistryScenario.Created(await given.Registrar.SendAsync(request))).GetProperty("id").GetGuid();

        var history = await given.Auditor.GetFromJsonAsync<JsonElement>($"/api/audit/streams/{id}");
        var metadata = history.GetProperty("events")[0].GetProperty("metadata");
        metadata.GetProperty("actor").GetString().ShouldBe("Rina Marlina");
        metadata.GetProperty("correlationId").GetString().ShouldBe("corr-artisan-1");
    }
}

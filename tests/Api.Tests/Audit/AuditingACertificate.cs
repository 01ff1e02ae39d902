using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Registry;

namespace Ledger.Api.Tests.Audit;

public sealed class AuditingACertificate(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    IAlbaHost Host => api.Host;

    Task<IScenarioResult> Auditor(Action<Scenario> scenario) => Host.Scenario(x =>
    {
        x.WithBearerToken(given.Auditor);
        scenario(x);
    });

    async Task<JsonElement> ReadAsync(string path) => await (await Auditor(x => x.Get.Url(path))).ReadAsJsonAsync<JsonElement>();

    Task RegistrarAsync(string path, object body) => Host.Scenario(x =>
    {
        x.WithBearerToken(given.Registrar);
        x.Post.Json(body).ToUrl(path);
    });

    [Fact]
    public async Task a_certificates_history_by_number_lists_every_event_with_version_position_metadata_and_time()
    {
        var (certification, number) = await given.IssuedAsync();
        await RegistrarAsync($"/api/registry/certifications/{certification}/freeze", new { reason = "Misuse reported." });

        var answer = await Auditor(x =>
        {
            x.Get.Url($"/api/audit/certificates/{number.ToLowerInvariant()}");
            x.Header("ETag").SingleValueShouldEqual("\"6\"");
        });
        var history = await answer.ReadAsJsonAsync<JsonElement>();

        history.GetProperty("certificationId").GetGuid().ShouldBe(certification);
        history.GetProperty("certificateNumber").GetString().ShouldBe(number);
        history.GetProperty("statusThen").GetString().ShouldBe("frozen");
        var events = history.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(
            ["artisan_enrolled", "application_accepted", "assessment_recorded", "certification_decided", "certificate_issued", "certificate_frozen"]);
        events.Select(e => e.GetProperty("version").GetInt64()).ShouldBe([1L, 2, 3, 4, 5, 6]);
        events.Select(e => e.GetProperty("position").GetInt64()).ShouldBe(events.Select(e => e.GetProperty("position").GetInt64()).Order());
        events[^1].GetProperty("metadata").GetProperty("actor").GetString().ShouldBe("Rina Marlina");
        events[^1].GetProperty("metadata").GetProperty("reason").GetString().ShouldBe("Misuse reported.");
        events[^1].GetProperty("data").GetProperty("certificateNumber").GetString().ShouldBe(number);
        events.ShouldAllBe(e => e.GetProperty("recordedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task the_state_as_the_ledger_had_it_at_a_version_or_an_instant_is_shown()
    {
        var (certification, _) = await given.IssuedAsync();
        var issuedHistory = await ReadAsync($"/api/audit/certifications/{certification}");
        var issuedAt = issuedHistory.GetProperty("events")[4].GetProperty("recordedAt").GetDateTimeOffset();
        await RegistrarAsync($"/api/registry/certifications/{certification}/revocation", new { reason = "Ethics breach." });

        var atVersion4 = await ReadAsync($"/api/audit/certifications/{certification}?version=4");
        atVersion4.GetProperty("version").GetInt64().ShouldBe(4);
        atVersion4.GetProperty("statusThen").GetString().ShouldBe("not-issued");
        atVersion4.GetProperty("state").GetProperty("certificate").ValueKind.ShouldBe(JsonValueKind.Null);

        var asOf = Uri.EscapeDataString(issuedAt.ToString("O"));
        var atIssuance = await ReadAsync($"/api/audit/certifications/{certification}?recordedAsOf={asOf}");
        atIssuance.GetProperty("version").GetInt64().ShouldBe(5);
        atIssuance.GetProperty("statusThen").GetString().ShouldBe("valid");

        var now = await ReadAsync($"/api/audit/certifications/{certification}");
        now.GetProperty("statusThen").GetString().ShouldBe("revoked");
    }

    [Fact]
    public async Task a_malformed_number_and_a_mistyped_check_character_are_400s_that_say_so_and_an_unknown_number_is_a_404()
    {
        var (_, number) = await given.IssuedAsync();
        var check = number[^1];
        var mistyped = number[..^1] + (check == '0' ? '1' : '0');
        async Task<JsonElement> ProblemAsync(string path, HttpStatusCode status) => await (await Auditor(x =>
        {
            x.Get.Url(path);
            x.ProblemShouldBe(status);
        })).ReadAsJsonAsync<JsonElement>();

        var malformed = await ProblemAsync("/api/audit/certificates/not-a-number", HttpStatusCode.BadRequest);
        malformed.GetProperty("errors").GetProperty("number")[0].GetString()!.ShouldContain("not a certificate number");
        var typo = await ProblemAsync($"/api/audit/certificates/{mistyped}", HttpStatusCode.BadRequest);
        typo.GetProperty("errors").GetProperty("number")[0].GetString()!.ShouldContain("check character");

        var unknown = Ledger.Certifications.CertificateNumber.TryParse(number, out var parsed, out _) ? new Ledger.Certifications.CertificateNumber(parsed!.LspCode, parsed.Year, 999_000).ToString() : "";
        await ProblemAsync($"/api/audit/certificates/{unknown}", HttpStatusCode.NotFound);
        await ProblemAsync($"/api/audit/certifications/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await ProblemAsync($"/api/audit/certifications/{Guid.NewGuid()}?version=0", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task artisan_events_show_sealed_personal_data_to_auditors_never_clear_text()
    {
        var nik = RegistryScenario.RandomNik();
        var artisan = await given.RegisterArtisanAsync("Suharti Wulandari", nik: nik);

        await Auditor(x =>
        {
            x.Get.Url($"/api/audit/streams/{artisan}");
            x.ContentShouldNotContain("Suharti");
            x.ContentShouldNotContain(nik);
            x.ContentShouldContain("v1:");
        });
    }
}

using System.Net;
using System.Text.Json;
using Alba;

namespace Ledger.Api.Tests.Registry;

/// <summary>
/// A 2022 cohort recorded from its paper register, over HTTP: each request gives the day its fact happened, refusals
/// name the dates involved, and a certificate whose validity has ended is looked up as expired at once.
/// </summary>
public sealed class RecordingThePast(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    IAlbaHost Host => api.Host;

    Task<IScenarioResult> As(string token, Action<Scenario> scenario) => Host.Scenario(x =>
    {
        x.WithBearerToken(token);
        scenario(x);
    });

    Task<IScenarioResult> Post(string path, object? body, HttpStatusCode status = HttpStatusCode.OK) => As(given.Registrar, x =>
    {
        if (body is null) x.Post.Url(path);
        else x.Post.Json(body).ToUrl(path);
        if (status == HttpStatusCode.OK || status == HttpStatusCode.Created) x.StatusCodeShouldBe(status);
        else x.ProblemShouldBe(status);
    });

    static async Task<JsonElement> JsonOf(IScenarioResult answer) => await answer.ReadAsJsonAsync<JsonElement>();

    /// <summary>Jombang's MoU of January 2022 and its PKS: the PKS's id.</summary>
    async Task<Guid> SignAgreementsOf2022Async()
    {
        var mou = await As(given.Agency, x =>
        {
            x.Post.Json(new
            {
                regencyCode = "35.17", centreName = "BBSPJIKB Yogyakarta", regencyHead = "Mundjidah Wahab", centreHead = "Titik Purwati",
                signedOn = "2022-01-10", validUntil = "2026-12-31",
            }).ToUrl("/api/registry/mous");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        var mouId = (await JsonOf(mou)).GetProperty("id").GetGuid();
        var pks = await As(given.Agency, x =>
        {
            x.Post.Json(new
            {
                mouId, agencyName = "Dinas Perindustrian Kabupaten Jombang", agencyHead = "Kepala Dinas",
                centreHead = "Titik Purwati", signedOn = "2022-02-01", validUntil = "2026-12-31", schemes = new[] { RegistryScenario.Scheme }, yearlyQuota = 20,
            }).ToUrl("/api/registry/pks");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        return (await JsonOf(pks)).GetProperty("id").GetGuid();
    }

    /// <summary>An artisan enrolled on 2022-08-01, assessed on 2022-08-04 and decided K on 2022-08-10: the certification's path.</summary>
    async Task<string> DecidedIn2022Async()
    {
        var pks = await SignAgreementsOf2022Async();
        var artisan = await given.RegisterArtisanAsync(regency: "35.17");
        var enrolled = await Post("/api/registry/certifications", new { artisanId = artisan, schemeCode = RegistryScenario.Scheme, pksId = pks, enrolledOn = "2022-08-01" },
            HttpStatusCode.Created);
        var path = $"/api/registry/certifications/{(await JsonOf(enrolled)).GetProperty("id").GetGuid()}";
        await Post($"{path}/application/acceptance?acceptedOn=2022-08-01", null);
        await Post($"{path}/assessments", new
        {
            assessor = "Sri Wahyuni", assessmentSite = "TUK Sewaktu Jombang", assessedOn = "2022-08-04",
            units = new[] { new { unitCode = "C.13BTK01.001.2", recommendation = "Competent", method = "Observation" } },
        });
        await Post($"{path}/decision", new { decision = "Competent", panel = new[] { "Endang Lestari" }, decidedOn = "2022-08-10" });
        return path;
    }

    [Fact]
    public async Task a_2022_certificate_handed_over_in_2023_keeps_its_dates_is_looked_up_expired_and_its_history_shows_the_handover()
    {
        var path = await DecidedIn2022Async();

        var issued = await JsonOf(await Post($"{path}/certificate", new { blankoNumber = "BNSP-B 0022017", issuingLsp = "LSPBATIK", issuedOn = "2022-12-20" }));
        issued.GetProperty("validFrom").GetString().ShouldBe("2022-12-20");
        issued.GetProperty("validUntil").GetString().ShouldBe("2025-12-19");
        var number = issued.GetProperty("certificateNumber").GetString()!;
        number.ShouldStartWith("LSPBATIK-2022-");

        var handedOver = await JsonOf(await Post($"{path}/handover",
            new { official = "Bupati Jombang", place = "Pendopo Kabupaten Jombang", handedOverOn = "2023-01-26" }));
        handedOver.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["certificate_handed_over"]);

        (await Host.GetAsJson<JsonElement>($"/api/verify/{number}")).GetProperty("status").GetString().ShouldBe("expired");
        var history = await JsonOf(await As(given.Auditor, x => x.Get.Url($"/api/audit/certifications/{path.Split('/')[^1]}")));
        var handover = history.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "certificate_handed_over");
        handover.GetProperty("data").GetProperty("handedOverOn").GetString().ShouldBe("2023-01-26");
        handover.GetProperty("data").GetProperty("official").GetString().ShouldBe("Bupati Jombang");
        handover.GetProperty("data").GetProperty("place").GetString().ShouldBe("Pendopo Kabupaten Jombang");
        history.GetProperty("state").GetProperty("certificate").GetProperty("handedOver").GetProperty("on").GetString().ShouldBe("2023-01-26");
    }

    [Fact]
    public async Task an_issue_dated_before_its_decision_is_a_422_naming_both_dates()
    {
        var path = await DecidedIn2022Async();

        var refused = await JsonOf(await Post($"{path}/certificate", new { blankoNumber = "BNSP-B 0022018", issuingLsp = "LSPBATIK", issuedOn = "2022-08-09" },
            HttpStatusCode.UnprocessableEntity));

        refused.GetProperty("detail").GetString().ShouldBe("The issue date 2022-08-09 precedes the decision of 2022-08-10.");
    }

    [Fact]
    public async Task a_day_after_today_in_jakarta_is_a_422_naming_both_days()
    {
        var path = await DecidedIn2022Async();

        var refused = await JsonOf(await Post($"{path}/certificate",
            new { blankoNumber = "BNSP-B 0022019", issuingLsp = "LSPBATIK", issuedOn = RegistryScenario.Today(2) }, HttpStatusCode.UnprocessableEntity));

        refused.GetProperty("detail").GetString().ShouldBe(
            $"The issue date {RegistryScenario.Today(2)} is in the future: today is {RegistryScenario.Today()} in Asia/Jakarta.");
    }

    [Fact]
    public async Task a_date_that_is_not_a_day_is_a_400_in_a_body_and_in_a_query()
    {
        var path = await DecidedIn2022Async();

        await Post($"{path}/handover", new { official = "Bupati Jombang", place = "Pendopo", handedOverOn = "2023-02-30" }, HttpStatusCode.BadRequest);
        var query = await JsonOf(await Post("/api/registry/batches/3b0f0c36-8e5d-4f39-9a0e-3c1b2a4d5e6f/completion?completedOn=26-01-2023", null,
            HttpStatusCode.BadRequest));
        query.GetProperty("errors").GetProperty("completedOn")[0].GetString().ShouldBe("The field completedOn is a day written yyyy-MM-dd, e.g. 2022-03-14.");
    }

    [Fact]
    public async Task an_auditor_travels_both_axes_the_world_on_a_day_and_the_ledger_at_an_instant_and_every_event_shows_both_dates()
    {
        var path = await DecidedIn2022Async();
        var id = path.Split('/')[^1];
        await Post($"{path}/certificate", new { blankoNumber = "BNSP-B 0022020", issuingLsp = "LSPBATIK", issuedOn = "2022-12-20" });
        var beforeHandoverWasRecorded = DateTimeOffset.UtcNow;
        await Post($"{path}/handover", new { official = "Bupati Jombang", place = "Pendopo Kabupaten Jombang", handedOverOn = "2023-01-26" });
        Task<JsonElement> Audit(string query) => As(given.Auditor, x => x.Get.Url($"/api/audit/certifications/{id}{query}")).ContinueWith(t => JsonOf(t.Result)).Unwrap();

        // The world on 2022-12-31: issued and valid, not yet handed over, though all of it was recorded today.
        var endOf2022 = await Audit("?asOf=2022-12-31");
        endOf2022.GetProperty("statusThen").GetString().ShouldBe("valid");
        endOf2022.GetProperty("state").GetProperty("certificate").GetProperty("handedOver").ValueKind.ShouldBe(JsonValueKind.Null);
        endOf2022.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldNotContain("certificate_handed_over");

        // The world on 2022-08-05: assessed, not decided.
        var assessed = await Audit("?asOf=2022-08-05");
        assessed.GetProperty("statusThen").GetString().ShouldBe("not-issued");
        assessed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString())
            .ShouldBe(["artisan_enrolled", "application_accepted", "assessment_recorded"]);

        // Before the enrollment's day the certification did not exist in the world.
        var before = await As(given.Auditor, x =>
        {
            x.Get.Url($"/api/audit/certifications/{id}?asOf=2022-07-31");
            x.ProblemShouldBe(HttpStatusCode.NotFound);
        });
        (await JsonOf(before)).GetProperty("detail").GetString()!.ShouldContain("by 2022-07-31");

        // What the ledger knew before the handover was recorded, about any day after it: no handover.
        var ledgerThen = await Audit($"?recordedAsOf={Uri.EscapeDataString(beforeHandoverWasRecorded.ToString("O"))}&asOf=2023-02-01");
        ledgerThen.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldNotContain("certificate_handed_over");
        var ledgerNow = await Audit("?asOf=2023-02-01");
        ledgerNow.GetProperty("state").GetProperty("certificate").GetProperty("handedOver").GetProperty("on").GetString().ShouldBe("2023-01-26");

        // Every event carries the day it happened and the moment it was recorded.
        var events = (await Audit("")).GetProperty("events").EnumerateArray().ToList();
        var days = events.ToDictionary(e => e.GetProperty("type").GetString()!, e => e.GetProperty("effectiveOn").GetString());
        days["artisan_enrolled"].ShouldBe("2022-08-01");
        days["assessment_recorded"].ShouldBe("2022-08-04");
        days["certification_decided"].ShouldBe("2022-08-10");
        days["certificate_issued"].ShouldBe("2022-12-20");
        days["certificate_handed_over"].ShouldBe("2023-01-26");
        events.ShouldAllBe(e => e.GetProperty("recordedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task an_instant_given_as_the_worlds_day_is_a_400_that_points_to_recorded_as_of()
    {
        var path = await DecidedIn2022Async();

        var refused = await As(given.Auditor, x =>
        {
            x.Get.Url($"/api/audit/certifications/{path.Split('/')[^1]}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}&version=2&recordedAsOf=2024-01-01T00:00:00Z");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        var errors = (await JsonOf(refused)).GetProperty("errors");
        errors.GetProperty("asOf")[0].GetString()!.ShouldContain("recordedAsOf");
        errors.GetProperty("recordedAsOf")[0].GetString()!.ShouldContain("not both");
    }
}

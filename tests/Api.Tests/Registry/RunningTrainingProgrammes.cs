using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Registry;

/// <summary>
/// A training programme over HTTP: planned for a partner, an artisan admitted and completed, the centre's training
/// certificate verified by the public lookup and the check page as a training certificate, not a competency one, and
/// trainees counted against the target.
/// </summary>
public sealed class RunningTrainingProgrammes(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    async Task<JsonElement> Post(string token, string path, object? body, HttpStatusCode status)
    {
        var answer = await api.Host.Scenario(x =>
        {
            x.WithBearerToken(token);
            if (body is null) x.Post.Url(path);
            else x.Post.Json(body).ToUrl(path);
            if (status is HttpStatusCode.OK or HttpStatusCode.Created) x.StatusCodeShouldBe(status);
            else x.ProblemShouldBe(status);
        });
        return await answer.ReadAsJsonAsync<JsonElement>();
    }

    async Task<Guid> SchoolMouAsync() => (await Post(given.Agency, "/api/registry/mous", new
    {
        partnerKind = "school", partnerName = "SMK Negeri 1 Pekalongan", centreName = "BBSPJIKB Yogyakarta", partnerHead = "Kepala Sekolah",
        centreHead = "Titik Purwati", signedOn = RegistryScenario.Today(-60), validUntil = RegistryScenario.Today(700),
    }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task a_completed_participants_training_certificate_is_verified_as_a_training_certificate_and_counted_against_the_target()
    {
        var year = Ledger.Domain.Days.TodayInJakarta(TimeProvider.System).Year;
        var programme = (await Post(given.Registrar, "/api/registry/training/programmes", new
        {
            centreName = "BBSPJIKB Yogyakarta", mouId = await SchoolMouAsync(), field = "natural-fibre-plaiting", year, targetTrainees = 20,
            plannedOn = RegistryScenario.Today(-10),
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var artisan = await given.RegisterArtisanAsync("Sri Handayani", "33.26");
        await Post(given.Registrar, $"/api/registry/training/programmes/{programme}/participants", new { artisanId = artisan, admittedOn = RegistryScenario.Today(-5) },
            HttpStatusCode.OK);
        await Post(given.Registrar, $"/api/registry/training/programmes/{programme}/participants/{artisan}/completion?completedOn={RegistryScenario.Today(-1)}",
            null, HttpStatusCode.OK);

        var state = await (await api.Host.Scenario(x =>
        {
            x.WithBearerToken(given.Registrar);
            x.Get.Url($"/api/registry/training/programmes/{programme}");
        })).ReadAsJsonAsync<JsonElement>();
        var number = state.GetProperty("trainees")[0].GetProperty("certificateNumber").GetString()!;
        number.ShouldStartWith($"PELATIHAN-{year}-");

        var lookup = await api.ClientFor(null).GetFromJsonAsync<JsonElement>($"/api/verify/{number}");
        lookup.GetProperty("kind").GetString().ShouldBe("training certificate");
        lookup.GetProperty("field").GetString().ShouldBe("natural-fibre-plaiting");
        lookup.GetProperty("completedOn").GetString().ShouldBe(RegistryScenario.Today(-1));
        lookup.GetProperty("statement").GetString()!.ShouldContain("It is not a competency certificate");

        var page = await api.ClientFor(null).GetStringAsync($"/check/{number}?lang=en");
        page.ShouldContain("Training certificate");
        page.ShouldContain("It is not a competency certificate");
        (await api.ClientFor(null).GetAsync($"/api/verify/PELATIHAN-{year}-00000000-0001")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var analyst = api.ClientFor(LedgerRoles.Analyst);
        var years = await analyst.GetFromJsonAsync<JsonElement>($"/api/analytics/training?year={year}&field=natural-fibre-plaiting");
        var row = years[0].GetProperty("programmes").EnumerateArray().Single(p => p.GetProperty("programmeId").GetGuid() == programme);
        (row.GetProperty("target").GetInt32(), row.GetProperty("admitted").GetInt32(), row.GetProperty("completed").GetInt32()).ShouldBe((20, 1, 1));
        var csv = await analyst.GetStringAsync($"/api/analytics/training?year={year}&format=csv");
        csv.Split('\n')[0].Trim().ShouldBe("year,field,centreName,partnerKind,partnerName,target,admitted,completed,programmeId");
        csv.ShouldContain($"{year},natural-fibre-plaiting,BBSPJIKB Yogyakarta,school,SMK Negeri 1 Pekalongan,20,1,1,{programme}");
    }

    [Fact]
    public async Task an_unknown_field_is_a_400_naming_it_and_records_nothing()
    {
        var answer = await Post(given.Registrar, "/api/registry/training/programmes", new
        {
            centreName = "BBSPJIKB Yogyakarta", mouId = Guid.NewGuid(), field = "pottery", year = 2026, targetTrainees = 20,
        }, HttpStatusCode.BadRequest);
        answer.GetProperty("errors").TryGetProperty("field", out _).ShouldBeTrue();
        (await api.ClientFor(LedgerRoles.Analyst).GetAsync("/api/analytics/training?field=pottery")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task completing_an_artisan_who_was_not_admitted_is_a_422()
    {
        var programme = (await Post(given.Registrar, "/api/registry/training/programmes", new
        {
            centreName = "BBSPJIKB Yogyakarta", mouId = await SchoolMouAsync(), field = "ecoprint",
            year = Ledger.Domain.Days.TodayInJakarta(TimeProvider.System).Year, targetTrainees = 10,
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Post(given.Registrar, $"/api/registry/training/programmes/{programme}/participants/{Guid.NewGuid()}/completion", null,
            HttpStatusCode.UnprocessableEntity);
    }
}

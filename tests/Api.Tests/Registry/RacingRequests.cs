using System.Net;
using System.Text.Json;
using Alba;

namespace Ledger.Api.Tests.Registry;

public sealed class RacingRequests(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    IAlbaHost Host => api.Host;

    [Fact]
    public async Task parallel_freezes_of_one_certificate_record_one_freeze_and_answer_the_others_without_a_500()
    {
        var (certification, _) = await given.IssuedAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token("registrar", $"registrar-{i}"));
            x.Post.Json(new { reason = $"Report {i}" }).ToUrl($"/api/registry/certifications/{certification}/freeze");
            x.IgnoreStatusCode();
        })));

        var statuses = answers.Select(a => a.Status()).ToList();
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.UnprocessableEntity || s == HttpStatusCode.Conflict);
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(1);
        var history = await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Auditor);
            x.Get.Url($"/api/audit/certifications/{certification}");
        });
        (await history.ReadAsJsonAsync<JsonElement>()).GetProperty("events").EnumerateArray()
            .Count(e => e.GetProperty("type").GetString() == "certificate_frozen").ShouldBe(1);
    }

    [Fact]
    public async Task parallel_enrollments_under_one_quota_take_exactly_the_quota_and_no_500()
    {
        var pks = await given.SignAgreementsAsync(quota: 3);
        var artisans = new List<Guid>();
        for (var i = 0; i < 10; i++) artisans.Add(await given.RegisterArtisanAsync($"Peserta {i}"));

        var answers = await Task.WhenAll(artisans.Select(a => Host.Scenario(x =>
        {
            x.WithBearerToken(given.Registrar);
            x.Post.Json(RegistryScenario.Enrollment(a, pks)).ToUrl("/api/registry/certifications");
            x.IgnoreStatusCode();
        })));

        var statuses = answers.Select(a => a.Status()).ToList();
        statuses.ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.UnprocessableEntity || s == HttpStatusCode.Conflict);
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(3);
        var state = await Host.Scenario(x =>
        {
            x.WithBearerToken(given.Agency);
            x.Get.Url($"/api/registry/pks/{pks}");
        });
        (await state.ReadAsJsonAsync<JsonElement>()).GetProperty("seatsTaken").GetProperty(DateTime.UtcNow.Year.ToString()).GetInt32().ShouldBe(3);
    }
}

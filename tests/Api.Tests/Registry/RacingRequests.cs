using System.Net;
using System.Text.Json;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Registry;

public sealed class RacingRequests(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    [Fact]
    public async Task parallel_freezes_of_one_certificate_record_one_freeze_and_answer_the_others_without_a_500()
    {
        var (certification, _) = await given.IssuedAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            api.ClientFor("registrar", $"registrar-{i}").PostAsync($"/api/registry/certifications/{certification}/freeze", Json($$"""{"reason": "Report {{i}}"}"""))));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.UnprocessableEntity || a.StatusCode == HttpStatusCode.Conflict);
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var history = JsonDocument.Parse(await given.Auditor.GetStringAsync($"/api/audit/certifications/{certification}")).RootElement;
        history.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "certificate_frozen").ShouldBe(1);
    }

    [Fact]
    public async Task parallel_enrollments_under_one_quota_take_exactly_the_quota_and_no_500()
    {
        var pks = await given.SignAgreementsAsync(quota: 3);
        var artisans = new List<Guid>();
        for (var i = 0; i < 10; i++) artisans.Add(await given.RegisterArtisanAsync($"Peserta {i}"));

        var answers = await Task.WhenAll(artisans.Select(a => given.EnrollAsync(a, pks)));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.UnprocessableEntity || a.StatusCode == HttpStatusCode.Conflict);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(3);
        var state = await RegistryScenario.Ok(await given.Agency.GetAsync($"/api/registry/pks/{pks}"));
        state.GetProperty("seatsTaken").GetProperty(DateTime.UtcNow.Year.ToString()).GetInt32().ShouldBe(3);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Registry;
using Ledger.Testing;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Reliability;

/// <summary>64 clients at once over HTTP on one certification and on one regency quota, with conflicting commands.</summary>
public sealed class SixtyFourClients(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    readonly RegistryScenario given = new(api);

    async Task<JsonElement> ReadAsync(string token, string path) => await (await api.Host.Scenario(x =>
    {
        x.WithBearerToken(token);
        x.Get.Url(path);
    })).ReadAsJsonAsync<JsonElement>();

    static readonly HttpStatusCode[] Allowed = [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity];

    [Fact]
    public async Task conflicting_freezes_and_reinstatements_are_answered_without_5xx_and_every_acknowledged_one_is_recorded_once_in_order()
    {
        var (certification, _) = await given.IssuedAsync();
        var before = await VersionsAsync(certification);

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var client = api.ClientFor("registrar", $"registrar-{i}");
            var outcomes = new List<HttpStatusCode>();
            for (var round = 0; round < 3; round++)
            {
                var path = (i + round) % 2 == 0 ? "freeze" : "reinstatement";
                var response = await client.PostAsync($"/api/registry/certifications/{certification}/{path}", Json($$"""{"reason": "client {{i}} round {{round}}"}"""));
                outcomes.Add(response.StatusCode);
            }
            return outcomes;
        })));

        var all = answers.SelectMany(a => a).ToList();
        all.ShouldAllBe(status => Allowed.Contains(status));
        var acknowledged = all.Count(s => s == HttpStatusCode.OK);
        acknowledged.ShouldBeGreaterThan(0);

        var versions = await VersionsAsync(certification);
        versions.ShouldBe(Enumerable.Range(1, versions.Count).Select(v => (long)v).ToList(), "versions are gapless");
        (versions.Count - before.Count).ShouldBe(acknowledged, "each acknowledged command recorded exactly one event");
    }

    [Fact]
    public async Task sixty_four_clients_revoking_one_certificate_at_once_give_one_winner_and_the_rest_409_or_422_and_one_event()
    {
        var (certification, _) = await given.IssuedAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            api.ClientFor("registrar", $"registrar-{i}").PostAsync($"/api/registry/certifications/{certification}/revocation",
                Json($$"""{"reason": "fraud reported by client {{i}}"}""")))));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(1);
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict || s == HttpStatusCode.UnprocessableEntity);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK)) await refused.ShouldBeProblemAsync(refused.StatusCode);
        var history = await ReadAsync(given.Auditor, $"/api/audit/certifications/{certification}");
        history.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "certificate_revoked").ShouldBe(1);
    }

    [Fact]
    public async Task sixty_four_enrollments_under_a_quota_of_twenty_take_exactly_twenty_seats_without_5xx()
    {
        var pks = await given.SignAgreementsAsync(quota: 20);
        var artisans = new List<Guid>();
        for (var i = 0; i < 64; i++) artisans.Add(await given.RegisterArtisanAsync($"Peserta {i}"));

        var answers = await Task.WhenAll(artisans.Select(a => Task.Run(() =>
            api.ClientFor("registrar").PostAsync("/api/registry/certifications", JsonContent.Create(RegistryScenario.Enrollment(a, pks))))));

        answers.Select(a => a.StatusCode).ShouldAllBe(status => Allowed.Contains(status));
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        created.Count.ShouldBe(20);
        var state = await ReadAsync(given.Agency, $"/api/registry/pks/{pks}");
        state.GetProperty("seatsTaken").GetProperty(DateTime.UtcNow.Year.ToString()).GetInt32().ShouldBe(20);
        foreach (var answer in created)
        {
            var id = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
            (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events where stream_id = $1 and type = 'artisan_enrolled'", id)).ShouldBe(1);
        }
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events where stream_id = $1 and type = 'pks_quota_seat_taken'", pks)).ShouldBe(20);
    }

    [Fact]
    public async Task sixty_four_concurrent_public_lookups_all_answer_the_same_certificate()
    {
        var (_, number) = await given.IssuedAsync();
        await using var unlimited = await api.StartHostAsync(("Ledger:RateLimit:Verification:PermitLimit", "100000"));
        var anonymous = unlimited.Server.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            var statuses = new List<(HttpStatusCode, string)>();
            for (var i = 0; i < 5; i++)
            {
                var response = await anonymous.GetAsync($"/api/verify/{number}");
                statuses.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
            return statuses;
        })));

        var all = answers.SelectMany(a => a).ToList();
        all.ShouldAllBe(a => a.Item1 == HttpStatusCode.OK);
        all.Select(a => a.Item2).Distinct().ShouldHaveSingleItem().ShouldContain(number);
    }

    async Task<List<long>> VersionsAsync(Guid stream)
    {
        await using var command = TestDatabase.DataSource.CreateCommand($"select version from \"{api.Schema}\".mt_events where stream_id = $1 order by version");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = stream });
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<long>();
        while (await reader.ReadAsync()) versions.Add(reader.GetInt64(0));
        return versions;
    }
}

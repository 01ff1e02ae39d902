using System.Text.Json;
using Alba;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Registry;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Api.Tests.Reliability;

/// <summary>The host with every log line captured.</summary>
public sealed class LoggedApiFactory : LedgerApiFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

/// <summary>
/// After a full scenario, the artisan's NIK and full name appear nowhere but where a registrar reads them:
/// not in logs, public answers, analytics (JSON or CSV), audit output, error messages, or the events table.
/// </summary>
public sealed class PersonalDataStaysPrivate(LoggedApiFactory api) : IClassFixture<LoggedApiFactory>
{
    const string Name = "Kartini Wulandari";
    const string Nik = "3604014507859931";

    [Fact]
    public async Task a_full_scenario_leaves_the_nik_and_full_name_only_where_a_registrar_reads_them()
    {
        var given = new RegistryScenario(api);
        var pks = await given.SignAgreementsAsync();
        var artisan = await given.RegisterArtisanAsync(Name, nik: Nik);
        var certification = (await (await given.EnrollAsync(artisan, pks)).ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var steps = $"/api/registry/certifications/{certification}";
        Task<IScenarioResult> Registrar(Action<Scenario> scenario) => api.Host.Scenario(x =>
        {
            x.WithBearerToken(given.Registrar);
            scenario(x);
        });
        await Registrar(x => x.Post.Url($"{steps}/application/acceptance"));
        await Registrar(x => x.Post.Json(RegistryScenario.Assessment()).ToUrl($"{steps}/assessments"));
        await Registrar(x => x.Post.Json(new { decision = "Competent", panel = new[] { "Endang Lestari", "Bambang Sutrisno" } }).ToUrl($"{steps}/decision"));
        var issued = await Registrar(x => x.Post.Json(new { blankoNumber = "BNSP-B 0077001", issuingLsp = "LSPBATIK" }).ToUrl($"{steps}/certificate"));
        var number = (await issued.ReadAsJsonAsync<JsonElement>()).GetProperty("certificateNumber").GetString()!;

        var seen = new List<(string Where, string Text)>();
        async Task<string> Answer(string? token, Action<Scenario> request)
        {
            var answer = await api.Host.Scenario(x =>
            {
                if (token is not null) x.WithBearerToken(token);
                request(x);
                x.IgnoreStatusCode();
            });
            return await answer.ReadAsTextAsync();
        }
        async Task Read(string where, string? token, string path, string? accept = null) =>
            seen.Add((where, await Answer(token, x =>
            {
                x.Get.Url(path);
                if (accept is not null) x.WithRequestHeader("Accept", accept);
            })));
        async Task Post(string where, string path, string body) =>
            seen.Add((where, await Answer(given.Registrar, x => x.Post.RawJson(body).ToUrl(path))));

        // Error messages: the same person again, and bodies that carry the personal data in the wrong shape.
        await Post("duplicate registration", "/api/registry/artisans",
            $$"""{"name": "{{Name}}", "nik": "{{Nik}}", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "IKM"}""");
        await Post("malformed registration", "/api/registry/artisans", $$"""{"name": "{{Name}}", "nik": {{Nik}}1, "gender": "Female"}""");
        await Post("wrong nik", "/api/registry/artisans", $$"""{"name": "{{Name}}", "nik": "{{Nik}}9", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "IKM"}""");
        await Post("bad correction", $"/api/registry/artisans/{artisan}/details-corrections", $$"""{"nik": "{{Nik}}", "name": "{{Name}}"}""");

        var analyst = api.Token(LedgerRoles.Analyst);
        await Read("public verification", null, $"/api/verify/{number}");
        await Eventually(async () => (await Answer(analyst, x => x.Get.Url("/api/analytics/regencies"))).Contains("36.04"));
        foreach (var view in new[] { "regencies", "provinces", "national", "outcomes", "agreements", "target-progress" })
        {
            await Read($"analytics {view}", analyst, $"/api/analytics/{view}");
            await Read($"analytics {view} as CSV", analyst, $"/api/analytics/{view}", "text/csv");
        }
        await Read("artisan profile", analyst, $"/api/analytics/artisans/{artisan}");
        await Read("audit history", given.Auditor, $"/api/audit/certificates/{number}");
        await Read("audit artisan stream", given.Auditor, $"/api/audit/streams/{artisan}");
        await Read("audit events", given.Auditor, "/api/audit/events?limit=500");
        await Read("audit proof", given.Auditor, $"/api/audit/certifications/{certification}/proof");
        seen.Add(("logs", string.Join('\n', api.Logs.Lines)));
        seen.Add(("events table", await TestDatabase.ScalarAsync<string>($"select coalesce(string_agg(concat_ws(' ', data::text, headers::text, user_name, correlation_id, causation_id), ' '), '') from \"{api.Schema}\".mt_events")));

        var leaks = seen.Where(s => s.Text.Contains(Nik) || s.Text.Contains(Name) || s.Text.Contains("Wulandari")).Select(s => s.Where).ToList();
        leaks.ShouldBeEmpty();
        api.Logs.Lines.Count.ShouldBeGreaterThan(0);

        // Where the registrar reads the artisan, the name is there: the scan above would have seen it otherwise.
        await Registrar(x =>
        {
            x.Get.Url($"/api/registry/artisans/{artisan}");
            x.ContentShouldContain(Name);
        });
    }

    static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++) await Task.Delay(100);
    }
}

using System.Net.Http.Headers;
using Ledger.Api.Tests.Registry;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Ledger.Api.Tests.ProblemAssertions;

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
        var certification = (await RegistryScenario.Created(await given.EnrollAsync(artisan, pks))).GetProperty("id").GetGuid();
        await given.Registrar.PostAsync($"/api/registry/certifications/{certification}/application/acceptance", null);
        await given.Registrar.PostAsync($"/api/registry/certifications/{certification}/assessments", RegistryScenario.Assessment());
        await given.Registrar.PostAsync($"/api/registry/certifications/{certification}/decision", Json("""{"decision": "Competent", "panel": ["Endang Lestari", "Bambang Sutrisno"]}"""));
        var issued = await RegistryScenario.Ok(await given.Registrar.PostAsync($"/api/registry/certifications/{certification}/certificate",
            Json("""{"blankoNumber": "BNSP-B 0077001", "issuingLsp": "LSPBATIK"}""")));
        var number = issued.GetProperty("certificateNumber").GetString()!;

        var seen = new List<(string Where, string Text)>();
        async Task Read(string where, HttpClient client, string path, string? accept = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            seen.Add((where, await (await client.SendAsync(request)).Content.ReadAsStringAsync()));
        }
        async Task Post(string where, HttpClient client, string path, string body) =>
            seen.Add((where, await (await client.PostAsync(path, Json(body))).Content.ReadAsStringAsync()));

        // Error messages: the same person again, and bodies that carry the personal data in the wrong shape.
        await Post("duplicate registration", given.Registrar, "/api/registry/artisans",
            $$"""{"name": "{{Name}}", "nik": "{{Nik}}", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "IKM"}""");
        await Post("malformed registration", given.Registrar, "/api/registry/artisans", $$"""{"name": "{{Name}}", "nik": {{Nik}}1, "gender": "Female"}""");
        await Post("wrong nik", given.Registrar, "/api/registry/artisans", $$"""{"name": "{{Name}}", "nik": "{{Nik}}9", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "IKM"}""");
        await Post("bad correction", given.Registrar, $"/api/registry/artisans/{artisan}/details-corrections", $$"""{"nik": "{{Nik}}", "name": "{{Name}}"}""");

        var anonymous = api.ClientFor(null);
        var analyst = api.ClientFor("analyst");
        await Read("public verification", anonymous, $"/api/verify/{number}");
        await Eventually(async () => (await analyst.GetStringAsync("/api/analytics/regencies")).Contains("36.04"));
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
        (await given.Registrar.GetStringAsync($"/api/registry/artisans/{artisan}")).ShouldContain(Name);
    }

    static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++) await Task.Delay(100);
    }
}

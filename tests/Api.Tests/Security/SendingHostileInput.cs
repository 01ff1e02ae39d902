using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Registry;
using Ledger.Projections.AgreementQuotas;
using Ledger.Projections.AssessmentOutcomes;
using Ledger.Projections.Querying;
using Ledger.Projections.RegencyTotals;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Security;

/// <summary>The host with the public lookup's limit out of the way, so that one test address can look up thousands of times.</summary>
public sealed class UnlimitedLookupsApi : LedgerApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ledger:RateLimit:Verification:PermitLimit", "1000000");
    }
}

/// <summary>
/// Text PostgreSQL cannot store (NUL, lone surrogates), sent among thousands of concurrent ordinary requests: every
/// such request is a 400 naming its field, and no other request is answered differently from what it would have
/// been alone, whether the refusal happens at the edge or, behind it, in PostgreSQL.
/// </summary>
public sealed class SendingHostileInput(UnlimitedLookupsApi api) : IClassFixture<UnlimitedLookupsApi>
{
    const int Reads = 10_000;
    const int Clients = 16;

    /// <summary>The ordinary reads whose answers must not change, each with its role.</summary>
    sealed record Read(string Role, string Path, string Expected);

    [Fact]
    public async Task nul_and_lone_surrogates_among_ten_thousand_concurrent_reads_get_400s_naming_the_field_and_break_nothing()
    {
        var reads = await SettledReadsAsync();
        var eventsBefore = await EventCountAsync();
        var failures = new ConcurrentQueue<string>();
        var readsDone = 0;
        var registered = 0;
        var refused = 0;

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            var clients = LedgerRoles.All.Append("anonymous").ToDictionary(r => r, r => api.ClientFor(r == "anonymous" ? null : r));
            for (int i; (i = Interlocked.Increment(ref readsDone)) <= Reads;)
            {
                var read = reads[i % reads.Count];
                await ExpectAsync(failures, $"read {read.Path}", () => clients[read.Role].GetAsync(read.Path), async response =>
                {
                    var body = await response.Content.ReadAsStringAsync();
                    return response.StatusCode == HttpStatusCode.OK && body == read.Expected ? null : $"{(int)response.StatusCode} {Short(body)}";
                });
                if (i % 4 != 0) continue;

                var (name, send, field) = Hostile(i, reads);
                await ExpectAsync(failures, name, () => send(clients), async response =>
                {
                    if (response.StatusCode != HttpStatusCode.BadRequest) return $"{(int)response.StatusCode} {Short(await response.Content.ReadAsStringAsync())}";
                    var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
                    Interlocked.Increment(ref refused);
                    return problem.GetProperty("errors").TryGetProperty(field, out _) ? null : $"the problem does not name {field}: {problem}";
                });

                var (otherName, other) = Ordinary(i);
                await ExpectAsync(failures, otherName, () => other(clients), async response =>
                {
                    var expected = Expected(otherName);
                    if (response.StatusCode != expected) return $"{(int)response.StatusCode}, expected {(int)expected}";
                    if (expected == HttpStatusCode.Created) Interlocked.Increment(ref registered);
                    if ((int)expected >= 400) await response.ShouldBeProblemAsync(expected);
                    return null;
                });
            }
        })));

        failures.ShouldBeEmpty();
        refused.ShouldBeGreaterThanOrEqualTo(Reads / 4);
        (await EventCountAsync()).ShouldBe(eventsBefore + registered, "only the valid registrations were recorded");
    }

    [Fact]
    public async Task reads_postgres_refuses_behind_the_edge_fail_alone_among_concurrent_reads()
    {
        var reads = await SettledReadsAsync();
        var regencies = api.Services.GetRequiredService<RegencyTotalsQuery>();
        var agreements = api.Services.GetRequiredService<AgreementQuotasQuery>();
        var outcomes = api.Services.GetRequiredService<AssessmentOutcomesQuery>();
        var failures = new ConcurrentQueue<string>();
        var refusedByPostgres = 0;
        var done = 0;

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            var clients = LedgerRoles.All.Append("anonymous").ToDictionary(r => r, r => api.ClientFor(r == "anonymous" ? null : r));
            for (int i; (i = Interlocked.Increment(ref done)) <= 2_000;)
            {
                var read = reads[i % reads.Count];
                await ExpectAsync(failures, $"read {read.Path}", () => clients[read.Role].GetAsync(read.Path), async response =>
                {
                    var body = await response.Content.ReadAsStringAsync();
                    return response.StatusCode == HttpStatusCode.OK && body == read.Expected ? null : $"{(int)response.StatusCode} {Short(body)}";
                });
                // Straight to the queries, past the edge: PostgreSQL itself refuses the NUL while binding it.
                var filter = new ReadModelFilter(Scheme: $"PEMBATIK\0{i}");
                try
                {
                    _ = (i % 3) switch
                    {
                        0 => (object)await regencies.RegenciesAsync(filter),
                        1 => await agreements.AgreementsAsync(filter),
                        _ => await outcomes.OutcomesAsync(filter),
                    };
                    failures.Enqueue("a NUL filter was answered");
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CharacterNotInRepertoire)
                {
                    Interlocked.Increment(ref refusedByPostgres);
                }
                catch (Exception e)
                {
                    failures.Enqueue($"a NUL filter failed with {e.GetType().Name}: {e.Message}");
                }
            }
        })));

        failures.ShouldBeEmpty();
        refusedByPostgres.ShouldBeGreaterThan(100);
    }

    /// <summary>A request carrying unstorable text, and the field its problem must name.</summary>
    static (string Name, Func<Dictionary<string, HttpClient>, Task<HttpResponseMessage>> Send, string Field) Hostile(int i, IReadOnlyList<Read> reads)
    {
        var views = new[] { "regencies", "provinces", "national", "outcomes", "agreements" };
        var certificate = reads.First(r => r.Path.StartsWith("/api/verify/", StringComparison.Ordinal)).Path;
        return (i / 4 % 6) switch
        {
            0 => ($"NUL scheme on {views[i % views.Length]}", c => c[LedgerRoles.Analyst].GetAsync($"/api/analytics/{views[i % views.Length]}?scheme=%00"), "scheme"),
            1 => ("NUL inside a scheme", c => c[LedgerRoles.Analyst].GetAsync("/api/analytics/agreements?scheme=PEMBATIK%00TULIS&year=2026"), "scheme"),
            2 => ("NUL in a query parameter of the lookup", c => c["anonymous"].GetAsync($"{certificate}?lang=id%00"), "lang"),
            3 => ("NUL in a registration's name", c => c[LedgerRoles.Registrar].PostAsync("/api/registry/artisans",
                Json("""{"name": "Siti\u0000Rahayu", "nik": "3604014507850002", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "Batik"}""")), "name"),
            4 => ("lone surrogate in a registration's business", c => c[LedgerRoles.Registrar].PostAsync("/api/registry/artisans",
                Json("""{"name": "Siti", "nik": "3604014507850002", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "Batik \uD800"}""")), "businessName"),
            _ => ("NUL deep in an assessment", c => c[LedgerRoles.Registrar].PostAsync($"/api/registry/certifications/{Guid.NewGuid()}/assessments",
                Json("""{"assessor": "A", "assessmentSite": "T", "assessedOn": "2026-01-01", "units": [{"unitCode": "C.13BTK01.001.2", "recommendation": "Competent", "method": "x\u0000"}]}""")), "units[0].method"),
        };
    }

    /// <summary>Every other kind of request: a valid write, a refused token, an unknown route, health, a document, a page.</summary>
    static (string Name, Func<Dictionary<string, HttpClient>, Task<HttpResponseMessage>> Send) Ordinary(int i) => (i / 4 % 5) switch
    {
        0 => ("registration", c => c[LedgerRoles.Registrar].PostAsync("/api/registry/artisans",
            Json($$"""{"name": "Siti {{i}}", "nik": "{{RegistryScenario.RandomNik()}}", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "Batik {{i}}"}"""))),
        1 => ("analytics without a token", c => c["anonymous"].GetAsync("/api/analytics/regencies")),
        2 => ("unknown route", c => c[LedgerRoles.Analyst].GetAsync("/api/analytics/nothing-here")),
        3 => ("health", c => c["anonymous"].GetAsync("/health/live")),
        _ => ("check page", c => c["anonymous"].GetAsync("/check")),
    };

    static HttpStatusCode Expected(string ordinary) => ordinary switch
    {
        "registration" => HttpStatusCode.Created,
        "analytics without a token" => HttpStatusCode.Unauthorized,
        "unknown route" => HttpStatusCode.NotFound,
        _ => HttpStatusCode.OK,
    };

    static async Task ExpectAsync(ConcurrentQueue<string> failures, string what, Func<Task<HttpResponseMessage>> send,
        Func<HttpResponseMessage, Task<string?>> judge)
    {
        if (failures.Count > 20) return;
        try
        {
            using var response = await send();
            if (await judge(response) is { } failure) failures.Enqueue($"{what}: {failure}");
        }
        catch (Exception e)
        {
            failures.Enqueue($"{what}: {e.GetType().Name}: {Short(e.Message)}");
        }
    }

    static string Short(string text) => text.Length > 300 ? text[..300] + "..." : text;

    Task<long> EventCountAsync() => TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events");

    /// <summary>
    /// A certificate issued under an agreement, the read models caught up with it, and every read's answer as it
    /// stands: the answers each later read must give again.
    /// </summary>
    async Task<IReadOnlyList<Read>> SettledReadsAsync()
    {
        var given = new RegistryScenario(api);
        var (certification, number) = await given.IssuedAsync();
        var analyst = api.ClientFor(LedgerRoles.Analyst);
        string[] views =
        [
            "/api/analytics/regencies", "/api/analytics/provinces", "/api/analytics/national", "/api/analytics/outcomes",
            "/api/analytics/agreements", "/api/analytics/regencies?scheme=" + RegistryScenario.Scheme + "&format=csv",
        ];
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var view in views.Where(v => !v.Contains("format=csv")))
            {
                var page = JsonDocument.Parse(await analyst.GetStringAsync(view)).RootElement;
                if (page.GetProperty("total").GetInt64() == 0) return false;
            }
            var profile = await analyst.GetAsync($"/api/analytics/artisans/{await ArtisanOfAsync(certification)}");
            return profile.StatusCode == HttpStatusCode.OK && (await profile.Content.ReadAsStringAsync()).Contains(number);
        }, "the read models show the certificate");
        // Nothing else is recorded for this certificate from here on; one more pass lets the daemon finish its batch.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var reads = new List<Read>();
        foreach (var view in views.Append("/api/analytics/target-progress").Append($"/api/analytics/artisans/{await ArtisanOfAsync(certification)}"))
            reads.Add(new Read(LedgerRoles.Analyst, view, await analyst.GetStringAsync(view)));
        var lookup = $"/api/verify/{number}";
        reads.Add(new Read("anonymous", lookup, await api.ClientFor(null).GetStringAsync(lookup)));
        return reads;
    }

    async Task<Guid> ArtisanOfAsync(Guid certification)
    {
        var state = JsonDocument.Parse(await api.ClientFor(LedgerRoles.Registrar).GetStringAsync($"/api/registry/certifications/{certification}")).RootElement;
        return state.GetProperty("state").GetProperty("artisanId").GetGuid();
    }
}

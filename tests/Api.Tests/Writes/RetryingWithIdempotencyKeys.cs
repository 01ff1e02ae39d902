using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Registry;
using Ledger.Artisans;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;

namespace Ledger.Api.Tests.Writes;

/// <summary>
/// Idempotency-Key on the registry's commands: one layer, the key kept in the events' headers with a keyed fingerprint
/// of the command, in their transaction.
/// </summary>
public sealed class RetryingWithIdempotencyKeys(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    const string Caller = "Rina Marlina";

    Task<IScenarioResult> As(string role, string name, Action<Scenario> scenario) => api.Host.Scenario(x =>
    {
        x.WithBearerToken(api.Token(role, name));
        scenario(x);
    });

    Task<IScenarioResult> Registrar(Action<Scenario> scenario) => As(LedgerRoles.Registrar, Caller, scenario);

    static void Register(Scenario x, string key, string nik, string name = "Siti Rahayu")
    {
        x.Post.Json(RegistryScenario.Artisan(name, nik)).ToUrl("/api/registry/artisans");
        x.WithRequestHeader("Idempotency-Key", key);
    }

    static void Visit(Scenario x, Guid artisan, string key)
    {
        x.Post.Json(new { visitedOn = RegistryScenario.Today(), officer = "Dwi Handayani", findings = "Canting and wax stove in use" })
            .ToUrl($"/api/registry/artisans/{artisan}/monev-visits");
        x.WithRequestHeader("Idempotency-Key", key);
    }

    Task<long> Recorded(string type, string key) => TestDatabase.ScalarAsync<long>(
        $"select count(*) from \"{api.Schema}\".mt_events where type = $1 and headers->>'idempotency_key' = $2", type, key);

    [Fact]
    public async Task a_retry_with_the_same_key_gets_the_first_answer_marked_replayed_and_records_nothing_more()
    {
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());

        var first = await Registrar(x =>
        {
            Register(x, key, nik);
            x.StatusCodeShouldBe(HttpStatusCode.Created);
            x.Header("Idempotent-Replayed").ShouldNotBeWritten();
        });
        var retry = await Registrar(x =>
        {
            Register(x, key, nik);
            x.StatusCodeShouldBe(HttpStatusCode.Created);
            x.Header("Location").SingleValueShouldEqual(first.Header("Location"));
            x.Header("ETag").SingleValueShouldEqual(first.Header("ETag"));
            x.Header("Idempotent-Replayed").SingleValueShouldEqual("true");
        });

        (await retry.ReadAsTextAsync()).ShouldBe(await first.ReadAsTextAsync());
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_with_another_request_is_a_422_and_records_nothing()
    {
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());
        await Registrar(x =>
        {
            Register(x, key, nik);
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });

        var refused = await Registrar(x =>
        {
            Register(x, key, nik, "Sri Wahyuni");
            x.ProblemShouldBe(HttpStatusCode.UnprocessableEntity);
        });

        (await refused.ReadAsJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("Idempotency-Key");
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task keys_belong_to_their_caller()
    {
        var artisan = await new RegistryScenario(api).RegisterArtisanAsync(nik: RegistryScenario.RandomNik());
        var key = Guid.NewGuid().ToString();

        var first = await As(LedgerRoles.Agency, "Siti", x => Visit(x, artisan, key));
        var second = await As(LedgerRoles.Agency, "Budi", x => Visit(x, artisan, key));

        second.Header("ETag").ShouldNotBe(first.Header("ETag"));
        (await Recorded("monev_visit_recorded", key)).ShouldBe(2);
    }

    [Fact]
    public async Task fifty_parallel_retries_under_one_key_record_one_event_and_all_get_the_same_answer()
    {
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Registrar(x =>
        {
            Register(x, key, nik);
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        })));

        answers.Select(a => a.Header("Location")).Distinct().Count().ShouldBe(1);
        answers.Select(a => a.Header("ETag")).Distinct().Count().ShouldBe(1);
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task a_refused_request_records_nothing_so_its_key_serves_the_corrected_one()
    {
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());
        await Registrar(x =>
        {
            x.Post.Json(new { name = "", nik = "1" }).ToUrl("/api/registry/artisans");
            x.WithRequestHeader("Idempotency-Key", key);
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });
        var unknownRegency = await Registrar(x =>
        {
            x.Post.Json(RegistryScenario.Artisan("Siti Rahayu", nik, regency: "3604")).ToUrl("/api/registry/artisans");
            x.WithRequestHeader("Idempotency-Key", key);
            x.IgnoreStatusCode();
        });
        unknownRegency.Status().ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity);

        await Registrar(x =>
        {
            Register(x, key, nik);
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task a_retry_after_the_host_recorded_but_never_answered_gets_that_first_result_rather_than_a_duplicate_refusal()
    {
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());
        // The id the endpoint derives for a new stream under this caller and key, and the command it would send:
        // recorded through the bus as if the host had died right after committing it.
        var id = DeterministicId.From("request", $"{Caller}\n{key}\n/api/registry/artisans");
        var bus = new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());
        var recorded = await bus.RecordAsync(new RegisterArtisan(id, "Siti Rahayu", nik, Gender.Female, 1985, "36.04", "Batik Serang Sari", Caller, DateTimeOffset.UtcNow),
            new CommandOptions(IdempotencyKey: key));

        var retry = await Registrar(x =>
        {
            Register(x, key, nik);
            x.StatusCodeShouldBe(HttpStatusCode.Created);
            x.Header("ETag").SingleValueShouldEqual($"\"{recorded.Version}\"");
            x.Header("Idempotent-Replayed").SingleValueShouldEqual("true");
        });

        retry.Header("Location").ShouldEndWith($"/api/registry/artisans/{id}");
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task a_malformed_key_is_a_400_and_records_nothing()
    {
        await api.Host.Scenario(x => x.Get.Url("/health/live"));
        var before = await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events");

        await Registrar(x =>
        {
            Register(x, new string('k', 300), RegistryScenario.RandomNik());
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events")).ShouldBe(before);
    }
}

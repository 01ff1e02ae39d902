using System.Net;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Registry;
using Ledger.Artisans;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Writes;

/// <summary>
/// Idempotency-Key on the registry's commands: one layer, the key kept in the events' headers with a keyed fingerprint
/// of the command, in their transaction.
/// </summary>
public sealed class RetryingWithIdempotencyKeys(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    const string Caller = "Rina Marlina";

    static HttpRequestMessage Register(string key, string nik, string name = "Siti Rahayu")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/artisans") { Content = Json($$"""
            {"name": "{{name}}", "nik": "{{nik}}", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "Batik Serang Sari"}
            """) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    static HttpRequestMessage Visit(Guid artisan, string key, string findings = "Canting and wax stove in use")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/registry/artisans/{artisan}/monev-visits") { Content = Json($$"""
            {"visitedOn": "{{RegistryScenario.Today()}}", "officer": "Dwi Handayani", "findings": "{{findings}}"}
            """) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    Task<long> Recorded(string type, string key) => TestDatabase.ScalarAsync<long>(
        $"select count(*) from \"{api.Schema}\".mt_events where type = $1 and headers->>'idempotency_key' = $2", type, key);

    [Fact]
    public async Task a_retry_with_the_same_key_gets_the_first_answer_marked_replayed_and_records_nothing_more()
    {
        var client = api.ClientFor(LedgerRoles.Registrar, Caller);
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());

        var first = await client.SendAsync(Register(key, nik));
        var retry = await client.SendAsync(Register(key, nik));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_with_another_request_is_a_422_and_records_nothing()
    {
        var client = api.ClientFor(LedgerRoles.Registrar, Caller);
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());
        (await client.SendAsync(Register(key, nik))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await client.SendAsync(Register(key, nik, "Sri Wahyuni"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("Idempotency-Key");
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task keys_belong_to_their_caller()
    {
        var artisan = await new RegistryScenario(api).RegisterArtisanAsync(nik: RegistryScenario.RandomNik());
        var key = Guid.NewGuid().ToString();

        var first = await api.ClientFor(LedgerRoles.Agency, "Siti").SendAsync(Visit(artisan, key));
        var second = await api.ClientFor(LedgerRoles.Agency, "Budi").SendAsync(Visit(artisan, key));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.ETag.ShouldNotBe(first.Headers.ETag);
        (await Recorded("monev_visit_recorded", key)).ShouldBe(2);
    }

    [Fact]
    public async Task fifty_parallel_retries_under_one_key_record_one_event_and_all_get_the_same_answer()
    {
        var client = api.ClientFor(LedgerRoles.Registrar, Caller);
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.SendAsync(Register(key, nik))));

        responses.Select(r => r.StatusCode).Distinct().ShouldBe([HttpStatusCode.Created]);
        responses.Select(r => r.Headers.Location!.ToString()).Distinct().Count().ShouldBe(1);
        responses.Select(r => r.Headers.ETag!.Tag).Distinct().Count().ShouldBe(1);
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task a_refused_request_records_nothing_so_its_key_serves_the_corrected_one()
    {
        var client = api.ClientFor(LedgerRoles.Registrar, Caller);
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());
        var invalid = Register(key, nik);
        invalid.Content = Json("""{"name": "", "nik": "1"}""");
        await (await client.SendAsync(invalid)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var unknownRegency = Register(key, nik);
        unknownRegency.Content = Json($$"""
            {"name": "Siti Rahayu", "nik": "{{nik}}", "gender": "Female", "birthYear": 1985, "regencyCode": "3604", "businessName": "Batik Serang Sari"}
            """);
        (await client.SendAsync(unknownRegency)).StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity);

        (await client.SendAsync(Register(key, nik))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task a_retry_after_the_host_recorded_but_never_answered_gets_that_first_result_rather_than_a_duplicate_refusal()
    {
        var client = api.ClientFor(LedgerRoles.Registrar, Caller);
        var (key, nik) = (Guid.NewGuid().ToString(), RegistryScenario.RandomNik());
        // The id the endpoint derives for a new stream under this caller and key, and the command it would send:
        // recorded through the bus as if the host had died right after committing it.
        var id = DeterministicId.From("request", $"{Caller}\n{key}\n/api/registry/artisans");
        var bus = new MessageBus(api.Services.GetRequiredService<IWolverineRuntime>());
        var recorded = await bus.RecordAsync(new RegisterArtisan(id, "Siti Rahayu", nik, Gender.Female, 1985, "36.04", "Batik Serang Sari", Caller, DateTimeOffset.UtcNow),
            new CommandOptions(IdempotencyKey: key));

        var retry = await client.SendAsync(Register(key, nik));

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location!.ToString().ShouldEndWith($"/api/registry/artisans/{id}");
        retry.Headers.ETag!.Tag.ShouldBe($"\"{recorded.Version}\"");
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await Recorded("artisan_registered", key)).ShouldBe(1);
    }

    [Fact]
    public async Task a_malformed_key_is_a_400_and_records_nothing()
    {
        var client = api.ClientFor(LedgerRoles.Registrar, Caller);
        await client.GetAsync("/health/live");
        var before = await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events");

        var response = await client.SendAsync(Register(new string('k', 300), RegistryScenario.RandomNik()));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events")).ShouldBe(before);
    }
}

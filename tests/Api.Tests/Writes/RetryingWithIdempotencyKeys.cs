using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Auth;
using Ledger.Testing;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Writes;

public sealed class RetryingWithIdempotencyKeys(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    static HttpRequestMessage Write(string key, string text = "once")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/test-notes") { Content = Json($$"""{"text": "{{text}}", "copies": 1}""") };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    Task<long> Recorded(string text) =>
        TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events where data->>'text' = $1", text);

    [Fact]
    public async Task a_retry_with_the_same_key_gets_the_first_answer_and_records_nothing_more()
    {
        var client = api.ClientFor(LedgerRoles.Registrar);
        var key = Guid.NewGuid().ToString();
        var text = $"once {key}";

        var first = await client.SendAsync(Write(key, text));
        var retry = await client.SendAsync(Write(key, text));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await Recorded(text)).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_a_422()
    {
        var client = api.ClientFor(LedgerRoles.Registrar);
        var key = Guid.NewGuid().ToString();
        (await client.SendAsync(Write(key, $"first {key}"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await client.SendAsync(Write(key, $"second {key}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await Recorded($"second {key}")).ShouldBe(0);
    }

    [Fact]
    public async Task keys_belong_to_their_caller()
    {
        var key = Guid.NewGuid().ToString();
        var text = $"two callers {key}";

        var first = await api.ClientFor(LedgerRoles.Registrar, "Siti").SendAsync(Write(key, text));
        var second = await api.ClientFor(LedgerRoles.Registrar, "Budi").SendAsync(Write(key, text));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Location.ShouldNotBe(first.Headers.Location);
        (await Recorded(text)).ShouldBe(2);
    }

    [Fact]
    public async Task parallel_requests_with_one_key_run_once_and_all_get_the_same_answer()
    {
        var client = api.ClientFor(LedgerRoles.Registrar);
        var key = Guid.NewGuid().ToString();
        var text = $"parallel {key}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.SendAsync(Write(key, text))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        responses.Select(r => r.Headers.Location!.ToString()).Distinct().Count().ShouldBe(1);
        (await Recorded(text)).ShouldBe(1);
    }

    [Fact]
    public async Task a_request_refused_by_validation_is_kept_and_a_failed_one_gives_its_key_up()
    {
        var client = api.ClientFor(LedgerRoles.Registrar);
        var key = Guid.NewGuid().ToString();
        var invalid = new HttpRequestMessage(HttpMethod.Post, "/api/registry/test-notes") { Content = Json("""{"text": "", "copies": 1}""") };
        invalid.Headers.Add("Idempotency-Key", key);
        (await client.SendAsync(invalid)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".idempotency_keys where key = $1 and status = 400", key)).ShouldBe(1);

        var failing = new HttpRequestMessage(HttpMethod.Post, "/api/registry/test-notes/rule");
        failing.Headers.Add("Idempotency-Key", key + "-rule");
        await (await client.SendAsync(failing)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".idempotency_keys where key = $1", key + "-rule")).ShouldBe(0);
    }

    [Fact]
    public async Task a_retry_after_the_first_answer_was_lost_gets_that_answer_rather_than_a_duplicate_refusal()
    {
        var client = api.ClientFor(LedgerRoles.Registrar, "Rina Marlina");
        var key = Guid.NewGuid().ToString();
        var nik = "3604" + string.Concat(Enumerable.Range(0, 12).Select(_ => Random.Shared.Next(10)));
        HttpRequestMessage Register()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/artisans") { Content = Json($$"""
                {"name": "Siti Rahayu", "nik": "{{nik}}", "gender": "Female", "birthYear": 1985, "regencyCode": "36.04", "businessName": "Batik Serang Sari"}
                """) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        var first = await client.SendAsync(Register());
        var firstBody = await first.Content.ReadAsStringAsync();
        // The host died after the events committed and before it kept the answer: the claim is left
        // unanswered, and its lease has run out.
        await TestDatabase.ExecuteAsync($"""
            update "{api.Schema}".idempotency_keys
            set completed_at = null, status = null, headers = null, body = null, started_at = now() - interval '1 hour'
            where key = $1
            """, key);

        var retry = await client.SendAsync(Register());

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(firstBody);
        (await TestDatabase.ScalarAsync<long>(
            $"select count(*) from \"{api.Schema}\".mt_events where type = 'artisan_registered' and headers->>'idempotency_key' = $1", key)).ShouldBe(1);
    }

    [Fact]
    public async Task a_malformed_key_is_a_400()
    {
        var request = Write(new string('k', 300));
        await (await api.ClientFor(LedgerRoles.Registrar).SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_answer_carries_the_written_note()
    {
        var client = api.ClientFor(LedgerRoles.Registrar);
        var key = Guid.NewGuid().ToString();
        var retry = await (await client.SendAsync(Write(key, $"body {key}"))).Content.ReadFromJsonAsync<NoteWrittenResponse>();
        var again = await (await client.SendAsync(Write(key, $"body {key}"))).Content.ReadFromJsonAsync<NoteWrittenResponse>();
        again.ShouldBe(retry);
    }
}

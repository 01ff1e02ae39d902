using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ledger.Api.Auth;
using Ledger.Testing;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Writes;

public sealed class WritingWithVersions(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    HttpClient Registrar => api.ClientFor(LedgerRoles.Registrar, "Siti Rahayu");

    async Task<NoteWrittenResponse> WriteNote(HttpClient client)
    {
        var response = await client.PostAsync("/api/registry/test-notes", Json("""{"text": "first", "copies": 1}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<NoteWrittenResponse>())!;
    }

    static HttpRequestMessage Amend(Guid id, string? ifMatch, string text = "amended")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/registry/test-notes/{id}/amendments") { Content = Json($$"""{"text": "{{text}}"}""") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task a_create_answers_201_with_its_location_and_version_as_etag()
    {
        var response = await Registrar.PostAsync("/api/registry/test-notes", Json("""{"text": "first", "copies": 2}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var note = (await response.Content.ReadFromJsonAsync<NoteWrittenResponse>())!;
        response.Headers.Location!.ToString().ShouldBe($"/api/registry/test-notes/{note.NoteId}");
        response.Headers.ETag.ShouldBe(new EntityTagHeaderValue("\"1\""));
        note.Actor.ShouldBe("Siti Rahayu");
    }

    [Fact]
    public async Task if_match_with_the_current_version_writes_and_answers_the_next()
    {
        var client = Registrar;
        var note = await WriteNote(client);

        var response = await client.SendAsync(Amend(note.NoteId, "\"1\""));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task if_match_with_a_stale_version_is_a_412_and_records_nothing()
    {
        var client = Registrar;
        var note = await WriteNote(client);
        (await client.SendAsync(Amend(note.NoteId, "\"1\""))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await client.SendAsync(Amend(note.NoteId, "\"1\"", "late"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        problem.GetProperty("currentVersion").GetInt64().ShouldBe(2);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events where stream_id = $1", note.NoteId)).ShouldBe(2);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"-1\"")]
    public async Task a_malformed_if_match_is_a_400_and_records_nothing(string ifMatch)
    {
        var client = Registrar;
        var note = await WriteNote(client);

        var response = await client.SendAsync(Amend(note.NoteId, ifMatch));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events where stream_id = $1", note.NoteId)).ShouldBe(1);
    }

    [Fact]
    public async Task parallel_writers_on_one_version_get_one_success_and_412s_never_a_500()
    {
        var client = Registrar;
        var note = await WriteNote(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.SendAsync(Amend(note.NoteId, "\"1\"", $"writer {i}"))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(11);
        (await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events where stream_id = $1", note.NoteId)).ShouldBe(2);
    }

    [Fact]
    public async Task the_correlation_id_reaches_the_event_metadata_and_the_caller_becomes_the_actor()
    {
        var client = Registrar;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/test-notes") { Content = Json("""{"text": "traced", "copies": 1}""") };
        request.Headers.Add("X-Correlation-Id", "req-2026-03-02-0001");

        var response = await client.SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").Single().ShouldBe("req-2026-03-02-0001");
        var note = (await response.Content.ReadFromJsonAsync<NoteWrittenResponse>())!;
        var metadata = await TestDatabase.ScalarAsync<string>($"select concat_ws(' ', correlation_id, causation_id, user_name, headers::text) from \"{api.Schema}\".mt_events where stream_id = $1", note.NoteId);
        metadata.ShouldContain("req-2026-03-02-0001");
        metadata.ShouldContain("Siti Rahayu");
    }
}

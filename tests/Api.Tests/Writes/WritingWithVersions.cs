using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;
using Ledger.Testing;

namespace Ledger.Api.Tests.Writes;

public sealed class WritingWithVersions(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    Task<IScenarioResult> Registrar(Action<Scenario> scenario) => api.Host.Scenario(x =>
    {
        x.WithBearerToken(api.Token(LedgerRoles.Registrar, "Siti Rahayu"));
        scenario(x);
    });

    async Task<NoteWrittenResponse> NoteAsync()
    {
        var written = await Registrar(x =>
        {
            x.Post.Json(new WriteNote("first", 1)).ToUrl("/api/registry/test-notes");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        return await written.ReadAsJsonAsync<NoteWrittenResponse>();
    }

    static void Amend(Scenario x, Guid note, string? ifMatch, string text = "amended")
    {
        x.Post.Json(new AmendNote(text)).ToUrl($"/api/registry/test-notes/{note}/amendments");
        if (ifMatch is not null) x.WithRequestHeader("If-Match", ifMatch);
    }

    Task<long> EventsOf(Guid note) =>
        TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events where stream_id = $1", note);

    [Fact]
    public async Task a_create_answers_201_with_its_location_and_version_as_etag()
    {
        var written = await Registrar(x =>
        {
            x.Post.Json(new WriteNote("first", 2)).ToUrl("/api/registry/test-notes");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
            x.Header("ETag").SingleValueShouldEqual("\"1\"");
        });

        var note = await written.ReadAsJsonAsync<NoteWrittenResponse>();
        written.Header("Location").ShouldBe($"/api/registry/test-notes/{note.NoteId}");
        note.Actor.ShouldBe("Siti Rahayu");
    }

    [Fact]
    public async Task if_match_with_the_current_version_writes_and_answers_the_next()
    {
        var note = await NoteAsync();

        await Registrar(x =>
        {
            Amend(x, note.NoteId, "\"1\"");
            x.StatusCodeShouldBeOk();
            x.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
    }

    [Fact]
    public async Task if_match_with_a_stale_version_is_a_412_and_records_nothing()
    {
        var note = await NoteAsync();
        await Registrar(x => Amend(x, note.NoteId, "\"1\""));

        var refused = await Registrar(x =>
        {
            Amend(x, note.NoteId, "\"1\"", "late");
            x.ProblemShouldBe(HttpStatusCode.PreconditionFailed);
            x.Header("ETag").SingleValueShouldEqual("\"2\"");
        });

        (await refused.ReadAsJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt64().ShouldBe(2);
        (await EventsOf(note.NoteId)).ShouldBe(2);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"-1\"")]
    public async Task a_malformed_if_match_is_a_400_and_records_nothing(string ifMatch)
    {
        var note = await NoteAsync();

        await Registrar(x =>
        {
            Amend(x, note.NoteId, ifMatch);
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        (await EventsOf(note.NoteId)).ShouldBe(1);
    }

    [Fact]
    public async Task parallel_writers_on_one_version_get_one_success_and_412s_never_a_500()
    {
        var note = await NoteAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Registrar(x =>
        {
            Amend(x, note.NoteId, "\"1\"", $"writer {i}");
            x.IgnoreStatusCode();
        })));

        answers.Count(a => a.Status() == HttpStatusCode.OK).ShouldBe(1);
        answers.Count(a => a.Status() == HttpStatusCode.PreconditionFailed).ShouldBe(11);
        (await EventsOf(note.NoteId)).ShouldBe(2);
    }

    [Fact]
    public async Task the_correlation_id_reaches_the_event_metadata_and_the_caller_becomes_the_actor()
    {
        var written = await Registrar(x =>
        {
            x.Post.Json(new WriteNote("traced", 1)).ToUrl("/api/registry/test-notes");
            x.WithRequestHeader("X-Correlation-Id", "req-2026-03-02-0001");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
            x.Header("X-Correlation-Id").SingleValueShouldEqual("req-2026-03-02-0001");
        });

        var note = await written.ReadAsJsonAsync<NoteWrittenResponse>();
        var metadata = await TestDatabase.ScalarAsync<string>($"select concat_ws(' ', correlation_id, causation_id, user_name, headers::text) from \"{api.Schema}\".mt_events where stream_id = $1", note.NoteId);
        metadata.ShouldContain("req-2026-03-02-0001");
        metadata.ShouldContain("Siti Rahayu");
    }
}

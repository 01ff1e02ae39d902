using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;

namespace Ledger.Api.Tests.Audit;

public sealed class ReadingTheLedger(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    Task<IScenarioResult> Auditor(Action<Scenario> scenario) => api.Host.Scenario(x =>
    {
        x.WithBearerToken(api.Token(LedgerRoles.Auditor));
        scenario(x);
    });

    async Task<JsonElement> ReadAsync(string path) => await (await Auditor(x => x.Get.Url(path))).ReadAsJsonAsync<JsonElement>();

    async Task<NoteWrittenResponse> WriteAndAmend(string text)
    {
        var registrar = api.Token(LedgerRoles.Registrar, "Siti Rahayu");
        var written = await api.Host.Scenario(x =>
        {
            x.WithBearerToken(registrar);
            x.Post.Json(new WriteNote(text, 3)).ToUrl("/api/registry/test-notes");
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        var note = await written.ReadAsJsonAsync<NoteWrittenResponse>();
        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(registrar);
            x.Post.Json(new AmendNote("amended")).ToUrl($"/api/registry/test-notes/{note.NoteId}/amendments");
        });
        return note;
    }

    [Fact]
    public async Task a_streams_history_lists_every_event_with_its_version_position_type_data_and_metadata()
    {
        var note = await WriteAndAmend("history");

        var answer = await Auditor(x =>
        {
            x.Get.Url($"/api/audit/streams/{note.NoteId}");
            x.Header("ETag").SingleValueShouldEqual("\"2\"");
        });

        var history = await answer.ReadAsJsonAsync<JsonElement>();
        history.GetProperty("version").GetInt64().ShouldBe(2);
        var events = history.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("version").GetInt64()).ShouldBe([1L, 2L]);
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["test_note_written", "test_note_amended"]);
        events[0].GetProperty("data").GetProperty("copies").GetInt32().ShouldBe(3);
        events[0].GetProperty("metadata").GetProperty("actor").GetString().ShouldBe("Siti Rahayu");
        events[1].GetProperty("metadata").GetProperty("reason").GetString().ShouldBe("amended");
        events[1].GetProperty("position").GetInt64().ShouldBeGreaterThan(events[0].GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task a_history_can_be_cut_at_a_version()
    {
        var note = await WriteAndAmend("cut");

        var history = await ReadAsync($"/api/audit/streams/{note.NoteId}?upToVersion=1");

        history.GetProperty("events").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_stream_is_a_404()
    {
        await Auditor(x =>
        {
            x.Get.Url($"/api/audit/streams/{Guid.NewGuid()}");
            x.ProblemShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task the_ledger_pages_through_its_events_in_global_order()
    {
        await WriteAndAmend("page one");
        await WriteAndAmend("page two");

        var first = await ReadAsync("/api/audit/events?limit=2");
        var after = first.GetProperty("nextAfter").GetInt64();
        var second = await ReadAsync($"/api/audit/events?limit=2&after={after}");

        var positions = first.GetProperty("events").EnumerateArray().Concat(second.GetProperty("events").EnumerateArray())
            .Select(e => e.GetProperty("position").GetInt64()).ToList();
        positions.Count.ShouldBe(4);
        positions.ShouldBe(positions.Order().ToList());
        positions.Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task the_ledger_reads_by_time_range()
    {
        await WriteAndAmend("in range");
        var later = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        var earlier = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));

        var none = await ReadAsync($"/api/audit/events?from={later}");
        var some = await ReadAsync($"/api/audit/events?from={earlier}&to={later}");

        none.GetProperty("events").GetArrayLength().ShouldBe(0);
        some.GetProperty("events").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task an_out_of_range_limit_is_a_validation_problem()
    {
        var answer = await Auditor(x =>
        {
            x.Get.Url("/api/audit/events?limit=0");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue();
    }
}

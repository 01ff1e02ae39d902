using System.Net;
using System.Text.Json;
using Alba;
using Ledger.Api.Auth;
using Ledger.Testing;

namespace Ledger.Api.Tests.Problems;

public sealed class AnsweringProblems(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    Task<IScenarioResult> Registrar(Action<Scenario> scenario) => api.Host.Scenario(x =>
    {
        x.WithBearerToken(api.Token(LedgerRoles.Registrar));
        scenario(x);
    });

    async Task<long> NotesRecorded() =>
        await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events");

    [Fact]
    public async Task a_broken_rule_is_a_422_that_states_the_rule()
    {
        var answer = await Registrar(x =>
        {
            x.Post.Url("/api/registry/test-notes/rule");
            x.ProblemShouldBe(HttpStatusCode.UnprocessableEntity);
        });

        (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("A note cannot be written on a Sunday.");
    }

    [Fact]
    public async Task an_unknown_thing_is_a_404_and_so_is_an_unknown_route()
    {
        var answer = await Registrar(x =>
        {
            x.Post.Url("/api/registry/test-notes/missing");
            x.ProblemShouldBe(HttpStatusCode.NotFound);
        });
        (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("Note BTK-404 is not in the ledger.");

        await Registrar(x =>
        {
            x.Get.Url("/api/nothing-here");
            x.ProblemShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task a_lost_race_is_a_409_with_the_current_version()
    {
        var answer = await Registrar(x =>
        {
            x.Post.Url("/api/registry/test-notes/conflict");
            x.ProblemShouldBe(HttpStatusCode.Conflict);
            x.Header("ETag").SingleValueShouldEqual("\"4\"");
        });

        (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt64().ShouldBe(4);
    }

    [Fact]
    public async Task an_unexpected_error_is_a_bare_500_without_internals()
    {
        var answer = await Registrar(x =>
        {
            x.Post.Url("/api/registry/test-notes/boom");
            x.ProblemShouldBe(HttpStatusCode.InternalServerError);
        });

        (await answer.ReadAsTextAsync()).ShouldNotContain("secret internals");
    }

    [Fact]
    public async Task an_unreachable_database_is_a_503_with_retry_after()
    {
        await Registrar(x =>
        {
            x.Post.Url("/api/registry/test-notes/database-down");
            x.ProblemShouldBe(HttpStatusCode.ServiceUnavailable);
            x.Header("Retry-After").ShouldHaveOneNonNullValue();
        });
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "broken JSON", """{"text": "a note", """ },
        { "not JSON at all", "text=a note" },
        { "wrong type", """{"text": "a note", "copies": "many"}""" },
        { "array instead of object", """["a note"]""" },
        { "empty body", "" },
        { "null", "null" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task a_malformed_body_is_a_400_and_records_nothing(string kind, string body)
    {
        var before = await NotesRecorded();

        await Registrar(x =>
        {
            x.Post.RawJson(body).ToUrl("/api/registry/test-notes");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        (await NotesRecorded()).ShouldBe(before, kind);
    }

    [Fact]
    public async Task invalid_fields_are_a_validation_problem_that_lists_them()
    {
        var answer = await Registrar(x =>
        {
            x.Post.Json(new WriteNote(" ", 99)).ToUrl("/api/registry/test-notes");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });

        var errors = (await answer.ReadAsJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("text").EnumerateArray().ShouldNotBeEmpty();
        errors.GetProperty("copies")[0].GetString().ShouldBe("Copies must be between 1 and 10.");
    }

    [Fact]
    public async Task a_wrong_query_type_is_a_400()
    {
        await api.Host.Scenario(x =>
        {
            x.WithBearerToken(api.Token(LedgerRoles.Auditor));
            x.Get.Url("/api/audit/events?from=yesterday");
            x.ProblemShouldBe(HttpStatusCode.BadRequest);
        });
    }

    [Fact]
    public async Task a_body_that_is_not_json_by_its_content_type_is_a_415()
    {
        await Registrar(x =>
        {
            x.Post.Text("""{"text":"a","copies":1}""").ToUrl("/api/registry/test-notes");
            x.ProblemShouldBe(HttpStatusCode.UnsupportedMediaType);
        });
    }

    [Fact]
    public async Task a_wrong_method_is_a_405()
    {
        await Registrar(x =>
        {
            x.Delete.Url("/api/registry/test-notes");
            x.ProblemShouldBe(HttpStatusCode.MethodNotAllowed);
        });
    }

    [Fact]
    public async Task a_body_over_64_kib_is_a_413_and_records_nothing()
    {
        var before = await NotesRecorded();

        await Registrar(x =>
        {
            x.Post.Json(new WriteNote(new string('x', 70 * 1024), 1)).ToUrl("/api/registry/test-notes");
            x.ProblemShouldBe(HttpStatusCode.RequestEntityTooLarge);
        });

        (await NotesRecorded()).ShouldBe(before);
    }
}

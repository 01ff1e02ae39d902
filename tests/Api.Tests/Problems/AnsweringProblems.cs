using System.Net;
using Ledger.Api.Auth;
using Ledger.Testing;
using static Ledger.Api.Tests.ProblemAssertions;

namespace Ledger.Api.Tests.Problems;

public sealed class AnsweringProblems(LedgerApiFactory api) : IClassFixture<LedgerApiFactory>
{
    HttpClient Registrar => api.ClientFor(LedgerRoles.Registrar);

    async Task<long> NotesRecorded() =>
        await TestDatabase.ScalarAsync<long>($"select count(*) from \"{api.Schema}\".mt_events");

    [Fact]
    public async Task a_broken_rule_is_a_422_that_states_the_rule()
    {
        var problem = await (await Registrar.PostAsync("/api/registry/test-notes/rule", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString().ShouldBe("A note cannot be written on a Sunday.");
    }

    [Fact]
    public async Task an_unknown_thing_is_a_404_and_so_is_an_unknown_route()
    {
        var problem = await (await Registrar.PostAsync("/api/registry/test-notes/missing", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().ShouldBe("Note BTK-404 is not in the ledger.");
        await (await Registrar.GetAsync("/api/nothing-here")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_lost_race_is_a_409_with_the_current_version()
    {
        var response = await Registrar.PostAsync("/api/registry/test-notes/conflict", null);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("currentVersion").GetInt64().ShouldBe(4);
        response.Headers.ETag!.Tag.ShouldBe("\"4\"");
    }

    [Fact]
    public async Task an_unexpected_error_is_a_bare_500_without_internals()
    {
        var response = await Registrar.PostAsync("/api/registry/test-notes/boom", null);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        problem.ToString().ShouldNotContain("secret internals");
    }

    [Fact]
    public async Task an_unreachable_database_is_a_503_with_retry_after()
    {
        var response = await Registrar.PostAsync("/api/registry/test-notes/database-down", null);
        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
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

        var response = await Registrar.PostAsync("/api/registry/test-notes", Json(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await NotesRecorded()).ShouldBe(before, kind);
    }

    [Fact]
    public async Task invalid_fields_are_a_validation_problem_that_lists_them()
    {
        var response = await Registrar.PostAsync("/api/registry/test-notes", Json("""{"text": " ", "copies": 99}"""));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("text").EnumerateArray().ShouldNotBeEmpty();
        errors.GetProperty("copies")[0].GetString().ShouldBe("Copies must be between 1 and 10.");
    }

    [Fact]
    public async Task a_wrong_query_type_is_a_400()
    {
        var response = await api.ClientFor(LedgerRoles.Auditor).GetAsync("/api/audit/events?from=yesterday");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_body_that_is_not_json_by_its_content_type_is_a_415()
    {
        var response = await Registrar.PostAsync("/api/registry/test-notes", new StringContent("""{"text":"a","copies":1}""", System.Text.Encoding.UTF8, "text/plain"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task a_wrong_method_is_a_405()
    {
        var response = await Registrar.DeleteAsync("/api/registry/test-notes");
        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task a_body_over_64_kib_is_a_413_and_records_nothing()
    {
        var before = await NotesRecorded();
        var text = new string('x', 70 * 1024);

        var response = await Registrar.PostAsync("/api/registry/test-notes", Json($$"""{"text": "{{text}}", "copies": 1}"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await NotesRecorded()).ShouldBe(before);
    }
}
